using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Registry.Testing;
using Registry.V1;

namespace Registry.Server.Tests.Interop;

/// <summary>
/// Hand-made HTTP/2 requests no gRPC client would send, against the real registry: each gets the status the
/// gRPC spec gives (or the HTTP status it gives where the request is not gRPC at all), and the server goes on
/// serving. Statuses are compared as numbers so these tests hold whatever gRPC stack the server runs on.
/// </summary>
public sealed class MalformedRequestTests(InteropRegistry registry) : IClassFixture<InteropRegistry>, IDisposable
{
    private const string ListPrograms = "/registry.v1.ProgramQueries/ListPrograms";
    private const string HealthCheck = "/grpc.health.v1.Health/Check";

    private readonly RawGrpc _raw = new(registry.Registry.Address);

    /// <summary>The gRPC status codes these tests expect (doc/statuscodes.md).</summary>
    private static class Code
    {
        public const int Ok = 0;
        public const int Unknown = 2;
        public const int ResourceExhausted = 8;
        public const int Unimplemented = 12;
        public const int Internal = 13;
    }

    private static readonly byte[] EmptyRequest = RawGrpc.Frame(new ListProgramsRequest());

    /// <summary>
    /// What the spec leaves open is a set: a request the server cannot parse is INTERNAL in the gRPC cores and in
    /// our hand-written layer, while grpc-dotnet reports exceptions thrown while reading the body (a bad
    /// compressed flag, bad protobuf, bad gzip) as UNKNOWN; a unary call with no message or two is a cardinality
    /// violation, UNIMPLEMENTED in the spec, INTERNAL in both servers.
    /// </summary>
    public static TheoryData<string, byte[], int[]> BadBodies => new()
    {
        { "garbage bytes", Encoding.ASCII.GetBytes("this is not a gRPC frame at all"), [Code.Internal, Code.Unknown] },
        { "truncated frame header", [0, 0, 0], [Code.Internal] },
        { "length prefix larger than the body", [0, 0, 0, 0, 50, 1, 2, 3], [Code.Internal] },
        { "length prefix of 16 MiB, over the 4 MiB limit", [0, 0x01, 0x00, 0x00, 0x00, 1], [Code.ResourceExhausted] },
        // Past int.MaxValue grpc-dotnet throws an IOException before its size check, so UNKNOWN, not RESOURCE_EXHAUSTED.
        { "length prefix of 4 GiB", [0, 0xFF, 0xFF, 0xFF, 0xFF, 1], [Code.ResourceExhausted, Code.Unknown] },
        { "invalid protobuf", RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF]), [Code.Internal, Code.Unknown] },
        { "no request message", [], [Code.Internal, Code.Unimplemented] },
        { "two request messages for a unary method", [.. EmptyRequest, .. EmptyRequest], [Code.Internal, Code.Unimplemented] },
        { "compressed flag without grpc-encoding", RawGrpc.Frame(new ListProgramsRequest { PageSize = 1 }, compressedFlag: true), [Code.Internal] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_body_gets_a_grpc_status_and_the_server_keeps_serving(string what, byte[] body, int[] allowed)
    {
        var reply = await _raw.SendAsync(ListPrograms, body, configure: WithKey);

        Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
        Assert.True(reply.Status is { } status && allowed.Contains((int)status), $"{what}: {reply}, expected one of [{string.Join(", ", allowed)}]");
        Assert.False(string.IsNullOrEmpty(reply.Message), $"{what}: no grpc-message");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Gzip_flag_on_bytes_that_are_not_gzip_fails_the_call_and_the_server_keeps_serving()
    {
        var reply = await _raw.SendAsync(ListPrograms, [1, 0, 0, 0, 3, 1, 2, 3], configure: r =>
        {
            WithKey(r);
            r.Headers.Add("grpc-encoding", "gzip");
        });

        // The spec: INTERNAL (could not decompress a supported encoding); grpc-dotnet says UNKNOWN (see BadBodies).
        Assert.True(reply.Status is { } status && (int)status is Code.Internal or Code.Unknown, reply.ToString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_gzip_bomb_is_resource_exhausted_at_the_message_limit_and_the_server_keeps_serving()
    {
        // 64 KiB of gzip that inflate to 64 MiB: sixteen times the 4 MiB message limit.
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        Assert.True(bomb.Length < 1024 * 1024);

        var reply = await _raw.SendAsync(ListPrograms, RawGrpc.Frame(bomb, compressedFlag: true), configure: r =>
        {
            WithKey(r);
            r.Headers.Add("grpc-encoding", "gzip");
        });

        // grpc-dotnet alone would also end with RESOURCE_EXHAUSTED, but only after inflating all of it ("Received
        // message exceeds..."): the registry's own provider stops reading at the limit and says so.
        Assert.True(reply.Status is { } status && (int)status == Code.ResourceExhausted, reply.ToString());
        Assert.StartsWith("The decompressed message is larger than the limit", reply.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_gzip_compressed_request_is_read()
    {
        var reply = await _raw.SendAsync(ListPrograms, RawGrpc.Frame(Gzip(new ListProgramsRequest { PageSize = 1 }.ToByteArray()), compressedFlag: true), configure: r =>
        {
            WithKey(r);
            r.Headers.Add("grpc-encoding", "gzip");
        });

        Assert.True(reply.Status is { } status && (int)status == Code.Ok, reply.ToString());
        Assert.NotNull(ListProgramsResponse.Parser.ParseFrom(reply.Body.AsSpan(5)));
    }

    [Fact]
    public async Task An_unsupported_encoding_is_unimplemented_and_gzip_is_offered_instead()
    {
        var reply = await _raw.SendAsync(ListPrograms, RawGrpc.Frame(new ListProgramsRequest(), compressedFlag: true), configure: r =>
        {
            WithKey(r);
            r.Headers.Add("grpc-encoding", "snappy");
        });

        Assert.True(reply.Status is { } status && (int)status == Code.Unimplemented, reply.ToString());
        Assert.Contains("gzip", reply.Headers["grpc-accept-encoding"].Split(','));
        Assert.DoesNotContain("snappy", reply.Headers["grpc-accept-encoding"], StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpcx")]
    [InlineData("text/plain")]
    public async Task A_content_type_that_is_not_grpc_gets_415_and_the_server_keeps_serving(string contentType)
    {
        var reply = await _raw.SendAsync(ListPrograms, EmptyRequest, contentType: contentType, configure: WithKey);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.HttpStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Grpc_plus_proto_content_type_is_accepted()
    {
        var reply = await _raw.SendAsync(ListPrograms, EmptyRequest, contentType: "application/grpc+proto", configure: WithKey);

        Assert.True(reply.Status is { } status && (int)status == Code.Ok, reply.ToString());
    }

    [Fact]
    public async Task An_unknown_method_is_unimplemented_trailers_only_and_the_server_keeps_serving()
    {
        var reply = await _raw.SendAsync("/registry.v1.ProgramQueries/NoSuchMethod", EmptyRequest, configure: WithKey);

        Assert.True(reply.Status is { } status && (int)status == Code.Unimplemented, reply.ToString());
        Assert.True(reply.IsTrailersOnly, reply.ToString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_unknown_service_is_unimplemented_and_the_server_keeps_serving()
    {
        var reply = await _raw.SendAsync("/no.such.v1.Service/Method", EmptyRequest, configure: WithKey);

        Assert.True(reply.Status is { } status && (int)status == Code.Unimplemented, reply.ToString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_http_1_1_request_on_the_cleartext_http2_endpoint_is_refused_and_the_server_keeps_serving()
    {
        var answer = await Http11RequestAsync();

        // Cleartext is HTTP/2 only (no upgrade): the server may answer 4xx in HTTP/1.1, send an HTTP/2 GOAWAY
        // (its frame type byte is 7) or just close; what it must not do is serve the call.
        var text = Encoding.ASCII.GetString(answer);
        var refused = answer.Length == 0
            || text.StartsWith("HTTP/1.1 4", StringComparison.Ordinal)
            || (answer.Length >= 9 && answer[3] == 7);
        Assert.True(refused, $"answer to HTTP/1.1: {Convert.ToHexString(answer.AsSpan(0, Math.Min(answer.Length, 64)))} '{text[..Math.Min(text.Length, 64)]}'");
        await AssertStillServingAsync();
    }

    /// <summary>Everything the server answers to an HTTP/1.1 POST, up to its closing the connection (or 4 KiB).</summary>
    private async Task<byte[]> Http11RequestAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, registry.Registry.Address.Port);
        var stream = tcp.GetStream();
        var request = $"POST {ListPrograms} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/grpc\r\nTE: trailers\r\n" +
                      $"x-api-key: {TestCredentials.Default.Key}\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while (received.Length < buffer.Length && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Encoding.ASCII.GetString(received.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal))
                    break; // a whole HTTP/1.1 head: enough to judge, and the server may keep the connection open
            }
        }
        catch (IOException)
        {
            // A reset is a refusal too.
        }

        return received.ToArray();
    }

    private static void WithKey(HttpRequestMessage request) => request.Headers.Add("x-api-key", TestCredentials.Default.Key);

    private static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(payload);
        return output.ToArray();
    }

    /// <summary>A good call after the bad one: the health check (no credential) and a real query both succeed.</summary>
    private async Task AssertStillServingAsync()
    {
        var health = await _raw.SendAsync(HealthCheck, RawGrpc.Frame([]));
        Assert.True(health.Status is { } healthStatus && (int)healthStatus == Code.Ok, $"health: {health}");
        Assert.Equal(RawGrpc.Frame([0x08, 0x01]), health.Body); // HealthCheckResponse { status: SERVING }

        var listing = await _raw.SendAsync(ListPrograms, EmptyRequest, configure: WithKey);
        Assert.True(listing.Status is { } listingStatus && (int)listingStatus == Code.Ok, $"ListPrograms: {listing}");
    }

    public void Dispose() => _raw.Dispose();
}
