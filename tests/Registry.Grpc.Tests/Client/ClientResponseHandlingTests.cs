using System.Net;
using Registry.Grpc.Client;
using Registry.Grpc.Protocol;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>How the client reads responses, checked against canned HTTP responses (no network).</summary>
public class ClientResponseHandlingTests
{
    private static readonly Uri Address = new("http://fake.test");

    [Fact]
    public async Task Reads_a_unary_reply_with_headers_and_trailers()
    {
        var handler = new FakeGrpcHandler(_ =>
        {
            var response = FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply { Text = "hi" }));
            response.Headers.TryAddWithoutValidation("x-header", "h");
            response.TrailingHeaders.TryAddWithoutValidation("x-trailer-bin", Base64Metadata.Encode([1, 2, 3]));
            return response;
        });
        using var channel = GrpcChannel.ForHandler(Address, handler);

        using var call = channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "hi" });
        var reply = await call;

        Assert.Equal("hi", reply.Text);
        Assert.Equal("h", (await call.ResponseHeadersAsync).GetValue("x-header"));
        Assert.Equal(new byte[] { 1, 2, 3 }, call.GetTrailers().GetBytes("x-trailer-bin"));
        Assert.Equal(Status.Ok, call.GetStatus());
    }

    [Fact]
    public async Task Sends_a_grpc_request()
    {
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply())));
        using var channel = GrpcChannel.ForHandler(Address, handler);
        var headers = new Metadata().Add("x-text", "v").Add("x-data-bin", [0xFB, 0xFF]);

        await channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "a" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(30), headers));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/registry.interop.v1.Echo/Unary", request.RequestUri!.AbsolutePath);
        Assert.Equal(HttpVersion.Version20, request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, request.VersionPolicy);
        Assert.Equal("application/grpc", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("trailers", Assert.Single(request.Headers.GetValues("te")));
        Assert.Equal("v", Assert.Single(request.Headers.GetValues("x-text")));
        Assert.Equal("+/8", Assert.Single(request.Headers.GetValues("x-data-bin")));
        Assert.True(GrpcTimeout.TryParse(Assert.Single(request.Headers.GetValues("grpc-timeout")), out var timeout));
        Assert.InRange(timeout, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(FakeGrpcHandler.Frame(new EchoRequest { Text = "a" }), handler.RequestBodies[0]);
    }

    [Fact]
    public async Task Compresses_requests_when_asked()
    {
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply())));
        using var channel = GrpcChannel.ForHandler(Address, handler, new GrpcChannelOptions { CompressRequests = true });
        var request = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[10_000]) };

        await channel.Unary(EchoMethods.Unary, request);

        var body = handler.RequestBodies[0];
        Assert.Equal("gzip", Assert.Single(handler.Requests[0].Headers.GetValues("grpc-encoding")));
        Assert.Equal(1, body[0]);
        Assert.True(body.Length < 1000);
        Assert.Equal(request, EchoRequest.Parser.ParseFrom(MessageFrame.Gunzip(new(body.AsMemory(5)), 100_000)));
    }

    [Fact]
    public async Task Decompresses_gzip_replies()
    {
        var handler = new FakeGrpcHandler(_ =>
        {
            var response = FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply { Text = "zipped" }, gzip: true));
            response.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
            return response;
        });
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var reply = await channel.Unary(EchoMethods.Unary, new EchoRequest());

        Assert.Equal("zipped", reply.Text);
    }

    [Fact]
    public async Task A_compressed_reply_without_grpc_encoding_is_internal()
    {
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply { Text = "zipped" }, gzip: true)));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Reads_a_stream_of_replies_whose_frames_straddle_reads()
    {
        var body = Enumerable.Range(0, 3).SelectMany(i => FakeGrpcHandler.Frame(new EchoReply { Index = i })).ToArray();
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(body));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        using var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest());
        var indexes = new List<int>();
        await foreach (var reply in call.ReadAllAsync())
            indexes.Add(reply.Index);

        Assert.Equal([0, 1, 2], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Trailers_only_error_is_read_from_the_headers()
    {
        var handler = new FakeGrpcHandler(_ =>
        {
            var response = FakeGrpcHandler.Response([], grpcStatus: null);
            foreach (var (name, value) in Protocol.StatusHeaderPairs.Of(new Status(StatusCode.NotFound, "nö"), new Google.Rpc.Status { Code = 5 }))
                response.Headers.TryAddWithoutValidation(name, value);
            response.Headers.TryAddWithoutValidation("x-why", "because");
            return response;
        });
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(new Status(StatusCode.NotFound, "nö"), error.Status);
        Assert.Equal(5, error.Details!.Code);
        Assert.Equal("because", error.Trailers.GetValue("x-why"));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(302, StatusCode.Unknown)]
    public async Task Http_status_without_grpc_status_maps_per_the_spec(int httpStatus, StatusCode expected)
    {
        var handler = new FakeGrpcHandler(_ => new HttpResponseMessage((HttpStatusCode)httpStatus) { Content = new StringContent("<html/>") });
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/grpc-web")]
    [InlineData("application/json")]
    public async Task Wrong_content_type_is_internal_and_says_so(string contentType)
    {
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply()), contentType: contentType));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains(contentType, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_grpc_status_trailer_is_internal()
    {
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(new EchoReply()), grpcStatus: null));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("grpc-status", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_ends_inside_a_frame_is_internal()
    {
        var frame = FakeGrpcHandler.Frame(new EchoReply { Text = "cut short" });
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(frame[..^2]));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task A_unary_reply_must_be_exactly_one_message(int count)
    {
        var body = Enumerable.Range(0, count).SelectMany(_ => FakeGrpcHandler.Frame(new EchoReply())).ToArray();
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(body));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task A_reply_over_the_receive_limit_is_resource_exhausted()
    {
        var reply = new EchoReply { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[2000]) };
        var handler = new FakeGrpcHandler(_ => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(reply)));
        using var channel = GrpcChannel.ForHandler(Address, handler, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_request_over_the_send_limit_is_refused_before_sending()
    {
        var handler = new FakeGrpcHandler(_ => throw new InvalidOperationException("must not be sent"));
        using var channel = GrpcChannel.ForHandler(Address, handler, new GrpcChannelOptions { MaxSendMessageSize = 10 });

        using var call = channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "more than ten bytes" });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync)).StatusCode);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_deadline_already_passed_fails_without_sending()
    {
        var handler = new FakeGrpcHandler(_ => throw new InvalidOperationException("must not be sent"));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.Unary(EchoMethods.Unary, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Transport_failures_surface_as_unavailable()
    {
        var handler = new FakeGrpcHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var channel = GrpcChannel.ForHandler(Address, handler);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
