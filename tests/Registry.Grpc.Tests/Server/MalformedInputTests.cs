using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Registry.Grpc.Tests.Echo;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

/// <summary>Whatever a client sends, it gets the right status and the server goes on serving.</summary>
public sealed class MalformedInputTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>, IDisposable
{
    private const string Unary = "/registry.interop.v1.Echo/Unary";
    private readonly RawGrpc _raw = new(server.Address);

    public static TheoryData<string, byte[], StatusCode> BadBodies => new()
    {
        { "garbage bytes", Encoding.ASCII.GetBytes("this is not a gRPC frame at all"), StatusCode.Internal },
        { "truncated header", [0, 0, 0], StatusCode.Internal },
        { "frame longer than the body", [0, 0, 0, 0, 50, 1, 2, 3], StatusCode.Internal },
        { "frame announcing 4 GiB", [0, 0xFF, 0xFF, 0xFF, 0xFF, 1], StatusCode.ResourceExhausted },
        { "invalid protobuf", RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF]), StatusCode.Internal },
        { "no request message", [], StatusCode.Internal },
        { "two request messages for a unary method", [.. RawGrpc.Frame(new EchoRequest()), .. RawGrpc.Frame(new EchoRequest())], StatusCode.Internal },
        { "compressed flag without grpc-encoding", RawGrpc.Frame(new EchoRequest { Text = "x" }, compressedFlag: true), StatusCode.Internal },
        { "gzip flag on bytes that are not gzip", [1, 0, 0, 0, 3, 1, 2, 3], StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_body_gets_a_status_and_the_server_keeps_serving(string what, byte[] body, StatusCode expected)
    {
        var encoding = what.StartsWith("gzip", StringComparison.Ordinal) ? "gzip" : null;
        var reply = await _raw.SendAsync(Unary, body, configure: r =>
        {
            if (encoding is not null)
                r.Headers.Add("grpc-encoding", encoding);
        });

        Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
        Assert.True(expected == reply.Status, $"{what}: {reply}");
        Assert.False(string.IsNullOrEmpty(reply.Message));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_non_grpc_content_type_gets_415()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest()), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.HttpStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_content_type_that_only_starts_like_grpc_gets_415()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest()), contentType: "application/grpcx");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.HttpStatus);
    }

    [Fact]
    public async Task Grpc_plus_proto_content_type_is_accepted()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest { Text = "hi" }), contentType: "application/grpc+proto");

        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.Equal("hi", EchoReply.Parser.ParseFrom(reply.Body.AsSpan(5)).Text);
    }

    [Fact]
    public async Task A_get_request_gets_405()
    {
        var reply = await _raw.SendAsync(Unary, [], method: HttpMethod.Get);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.HttpStatus);
    }

    [Fact]
    public async Task An_http_1_1_request_on_the_cleartext_http2_endpoint_gets_400_and_the_server_keeps_serving()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Address.Port);
        var stream = tcp.GetStream();
        var request = $"POST {Unary} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/grpc\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var answer = Encoding.ASCII.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_unknown_method_is_unimplemented_trailers_only()
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Nope", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, reply.Status);
        Assert.True(reply.IsTrailersOnly, reply.ToString());
        Assert.Contains("Nope", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_service_is_unimplemented_and_named()
    {
        var reply = await _raw.SendAsync("/nope.Service/Method", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, reply.Status);
        Assert.Contains("nope.Service", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_encoding_is_unimplemented_with_the_accepted_encodings()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest(), compressedFlag: true),
            configure: r => r.Headers.Add("grpc-encoding", "snappy"));

        Assert.Equal(StatusCode.Unimplemented, reply.Status);
        Assert.Equal("identity,gzip", reply.Headers["grpc-accept-encoding"]);
    }

    [Fact]
    public async Task A_malformed_timeout_is_rejected()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest()), configure: r => r.Headers.Add("grpc-timeout", "soon"));

        Assert.Equal(StatusCode.Internal, reply.Status);
        Assert.Contains("grpc-timeout", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_compressed_request_is_read()
    {
        var payload = Registry.Grpc.Protocol.MessageFrame.Gzip(Google.Protobuf.MessageExtensions.ToByteArray(new EchoRequest { Text = "squeezed" }));
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(payload, compressedFlag: true), configure: r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.Equal("squeezed", EchoReply.Parser.ParseFrom(reply.Body.AsSpan(5)).Text);
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_at_the_receive_limit()
    {
        var payload = Registry.Grpc.Protocol.MessageFrame.Gzip(new byte[64 * 1024 * 1024]);
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(payload, compressedFlag: true), configure: r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.ResourceExhausted, reply.Status);
    }

    private async Task AssertStillServingAsync()
    {
        var reply = await _raw.SendAsync("/grpc.health.v1.Health/Check", RawGrpc.Frame(new HealthCheckRequest()));
        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, HealthCheckResponse.Parser.ParseFrom(reply.Body.AsSpan(5)).Status);
    }

    public void Dispose() => _raw.Dispose();
}
