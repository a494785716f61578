using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Registry.Grpc.Client;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>Our client against the python3-grpcio reference Echo server (behaviour defined in echo.proto).</summary>
public sealed class PythonInteropTests(PythonEchoServer server) : IClassFixture<PythonEchoServer>, IDisposable
{
    private const int FourMiB = 4 * 1024 * 1024;
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(server.Address);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Unary_echoes_text_and_payload()
    {
        var reply = await _channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "hello", Payload = ByteString.CopyFromUtf8("bytes") });

        Assert.Equal("hello", reply.Text);
        Assert.Equal("bytes", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Server_streaming_returns_every_reply_in_order()
    {
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Text = "s", Count = 5 });

        var replies = new List<EchoReply>();
        await foreach (var reply in call.ReadAllAsync())
            replies.Add(reply);

        Assert.Equal(["s#0", "s#1", "s#2", "s#3", "s#4"], replies.Select(r => r.Text));
        Assert.Equal([0, 1, 2, 3, 4], replies.Select(r => r.Index));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Server_streaming_error_after_replies_keeps_the_replies_and_throws_the_status()
    {
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Text = "s", Count = 2, FailCode = (int)StatusCode.Aborted, FailMessage = "stop" });

        var replies = new List<EchoReply>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ReadAllAsync())
                replies.Add(reply);
        });

        Assert.Equal(2, replies.Count);
        Assert.Equal(new Status(StatusCode.Aborted, "stop"), error.Status);
        Assert.Equal(error.Status, call.GetStatus());
    }

    [Fact]
    public async Task Client_streaming_sends_every_request_then_gets_one_reply()
    {
        using var call = _channel.ClientStreaming(EchoMethods.ClientStream);

        foreach (var text in new[] { "a", "b", "c" })
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text, Payload = ByteString.CopyFrom(new byte[10]) });
        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3, reply.Received);
        Assert.Equal(30, reply.ReceivedBytes);
    }

    [Fact]
    public async Task Client_streaming_with_no_requests_gets_an_empty_tally()
    {
        using var call = _channel.ClientStreaming(EchoMethods.ClientStream);

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal(0, reply.Received);
    }

    [Fact]
    public async Task Client_streaming_request_with_fail_code_ends_the_call_early()
    {
        using var call = _channel.ClientStreaming(EchoMethods.ClientStream);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "a" });
        // The server may end the call before this write's flush returns; then the write itself reports the status.
        var failing = await Record.ExceptionAsync(() => call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.PermissionDenied, FailMessage = "no" }));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.True(failing is null || failing == error, $"unexpected {failing}");

        Assert.Equal(new Status(StatusCode.PermissionDenied, "no"), error.Status);
        var late = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "late" }));
        Assert.Equal(StatusCode.PermissionDenied, late.StatusCode);
    }

    [Fact]
    public async Task Duplex_answers_each_request_before_the_next_is_sent()
    {
        using var call = _channel.DuplexStreaming(EchoMethods.Duplex);
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();

        for (var i = 0; i < 3; i++)
        {
            // The next request is written only after its predecessor's reply arrived: messages really stream.
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"ping {i}" });
            Assert.True(await replies.MoveNextAsync());
            Assert.Equal($"ping {i}", replies.Current.Text);
            Assert.Equal(i, replies.Current.Index);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await replies.MoveNextAsync());
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Duplex_request_with_fail_code_ends_the_call_with_that_status()
    {
        using var call = _channel.DuplexStreaming(EchoMethods.Duplex);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "ok" });
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.OutOfRange, FailMessage = "too far" });

        var texts = new List<string>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ReadAllAsync())
                texts.Add(reply.Text);
        });

        Assert.Equal(["ok"], texts);
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
    }

    [Fact]
    public async Task Error_status_carries_a_non_ascii_message_intact()
    {
        const string Message = "Ошибка: ünïcödé ✓ 100%";

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _channel.Unary(EchoMethods.Unary, new EchoRequest { FailCode = (int)StatusCode.FailedPrecondition, FailMessage = Message }));

        Assert.Equal(new Status(StatusCode.FailedPrecondition, Message), error.Status);
        Assert.Null(error.Details);
    }

    [Fact]
    public async Task Status_details_arrive_as_a_bad_request_with_both_field_violations()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _channel.Unary(EchoMethods.Unary, new EchoRequest
        {
            FailCode = (int)StatusCode.InvalidArgument,
            FailMessage = "text is wrong",
            FailWithDetails = true,
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal((int)StatusCode.InvalidArgument, error.Details!.Code);
        var badRequest = error.GetDetail<Google.Rpc.BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(
            [("text", "text is wrong"), ("payload", "payload is wrong too")],
            badRequest.FieldViolations.Select(v => (v.Field, v.Description)));
    }

    [Fact]
    public async Task Request_metadata_comes_back_in_reply_headers_and_trailers()
    {
        byte[] binary = [0, 1, 2, 0xFB, 0xFF];
        var headers = new Metadata().Add("x-echo-text", "plain value").Add("x-echo-data-bin", binary).Add("x-not-echoed", "no");

        using var call = _channel.Unary(EchoMethods.Unary, new EchoRequest(), new CallOptions(headers));
        var reply = await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Equal("plain value", reply.Headers["x-echo-text"]);
        Assert.Equal(Convert.ToBase64String(binary), reply.Headers["x-echo-data-bin"]);
        Assert.False(reply.Headers.ContainsKey("x-not-echoed"));
        foreach (var metadata in new[] { responseHeaders, trailers })
        {
            Assert.Equal("plain value", metadata.GetValue("x-echo-text"));
            Assert.Equal(binary, metadata.GetBytes("x-echo-data-bin"));
        }
    }

    [Fact]
    public async Task Trailers_travel_with_an_error_status_too()
    {
        var headers = new Metadata().Add("x-echo-why", "because");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _channel.Unary(
            EchoMethods.Unary, new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "gone" }, new CallOptions(headers)));

        Assert.Equal("because", error.Trailers.GetValue("x-echo-why"));
    }

    [Fact]
    public async Task Deadline_cancels_the_call_locally_and_the_server_sees_it()
    {
        var tag = NewTag();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _channel.Unary(
            EchoMethods.Unary, new EchoRequest { DelayMs = 2000, Tag = tag }, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(1500));
        var observation = await ObserveAsync(tag);
        Assert.True(observation.Seen);
        Assert.True(observation.Cancelled);
    }

    [Fact]
    public async Task Cancelling_the_token_mid_call_cancels_it_on_both_sides()
    {
        var tag = NewTag();
        using var cancel = new CancellationTokenSource();
        using var call = _channel.Unary(EchoMethods.Unary, new EchoRequest { DelayMs = 10_000, Tag = tag }, new CallOptions(CancellationToken: cancel.Token));
        await call.ResponseHeadersAsync;
        var clock = Stopwatch.StartNew();

        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancel took {clock.Elapsed}");
        var observation = await ObserveAsync(tag);
        Assert.True(observation.Seen);
        Assert.True(observation.Cancelled);
    }

    [Fact]
    public async Task Cancelling_a_server_stream_mid_way_resets_it()
    {
        var tag = NewTag();
        using var cancel = new CancellationTokenSource();
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Count = 100, DelayMs = 200, Tag = tag });

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ReadAllAsync(cancel.Token))
            {
                // Cancel while the server waits before its next reply: the handler only notices a cancel that
                // lands inside its wait, not one that grpcio sees while sending the previous reply.
                if (++received == 2)
                    cancel.CancelAfter(50);
            }
        });

        Assert.Equal(2, received);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True((await ObserveAsync(tag)).Cancelled);
    }

    [Fact]
    public async Task A_request_of_exactly_4_MiB_is_accepted()
    {
        var request = RequestOfSize(FourMiB);

        var reply = await _channel.Unary(EchoMethods.Unary, request);

        Assert.Equal(1, reply.Payload.Length);
    }

    [Fact]
    public async Task A_request_one_byte_over_4_MiB_is_refused_by_the_client()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _channel.Unary(EchoMethods.Unary, RequestOfSize(FourMiB + 1)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith("Sending message larger than max", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_one_byte_over_4_MiB_is_refused_by_the_server_too()
    {
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxSendMessageSize = 2 * FourMiB });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, RequestOfSize(FourMiB + 1)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        // grpc-core's wording for its own receive limit: the request did reach the server.
        Assert.StartsWith("Received message larger than max (4194305 vs. 4194304)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_over_the_receive_limit_is_resource_exhausted()
    {
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 * 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest { ReplySize = 2 * 1024 * 1024 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("1048576", error.Status.Detail, StringComparison.Ordinal);
        // The call was reset, not the connection: the channel still works.
        Assert.Equal("after", (await channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "after" })).Text);
    }

    [Fact]
    public async Task An_unknown_method_is_unimplemented()
    {
        var method = new Method<global::Grpc.Reflection.V1Alpha.ServerReflectionRequest, global::Grpc.Reflection.V1Alpha.ServerReflectionResponse>(
            global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0].Methods[0]);
        using var call = _channel.DuplexStreaming(method);
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_understood()
    {
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { CompressRequests = true });
        var payload = ByteString.CopyFrom(Encoding.ASCII.GetBytes(new string('z', 100_000)));

        var reply = await channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "zipped", Payload = payload });
        using var stream = channel.ClientStreaming(EchoMethods.ClientStream);
        await stream.RequestStream.WriteAsync(new EchoRequest { Text = "x", Payload = payload });
        await stream.RequestStream.WriteAsync(new EchoRequest { Text = "y", Payload = payload });
        await stream.RequestStream.CompleteAsync();
        var tally = await stream.ResponseAsync;

        Assert.Equal("zipped", reply.Text);
        Assert.Equal(payload, reply.Payload);
        Assert.Equal("x,y", tally.Text);
        Assert.Equal(200_000, tally.ReceivedBytes);
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{UnusedPort()}"));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Many_concurrent_calls_share_the_channel()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            await _channel.Unary(EchoMethods.Unary, new EchoRequest { Text = $"c{i}" })));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"c{i}"), replies.Select(r => r.Text));
    }

    private async Task<Observation> ObserveAsync(string tag) =>
        await _channel.Unary(EchoMethods.Observe, new ObserveRequest { Tag = tag, WaitMs = 5000 });

    private static string NewTag() => Guid.NewGuid().ToString("N");

    /// <summary>An EchoRequest whose encoding is exactly <paramref name="size"/> bytes, asking for a 1-byte reply.</summary>
    private static EchoRequest RequestOfSize(int size)
    {
        var request = new EchoRequest { ReplySize = 1 };
        var overhead = request.CalculateSize();
        // Field 2's tag byte and length varint come out of the budget; the varint is 4 bytes at this size.
        request.Payload = ByteString.CopyFrom(new byte[size - overhead - 1 - 4]);
        Assert.Equal(size, request.CalculateSize());
        return request;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
