using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Registry.Grpc.Client;
using Registry.Grpc.Protocol;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>Deadlines and cancellation enforced by the client alone, against a server that never answers.</summary>
public class ClientDeadlineAndCancellationTests
{
    private static readonly Uri Address = new("http://fake.test");

    [Fact]
    public async Task Deadline_is_enforced_locally_while_waiting_for_headers()
    {
        var server = new SilentServer(sendHeaders: false);
        using var channel = GrpcChannel.ForHandler(Address, server);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.Unary(EchoMethods.Unary, new EchoRequest(), CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(2));
        Assert.True(await server.SawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Deadline_is_enforced_locally_while_reading_the_body()
    {
        var server = new SilentServer(sendHeaders: true);
        using var channel = GrpcChannel.ForHandler(Address, server);
        using var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest(), CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().Code);
    }

    [Fact]
    public async Task Cancelling_the_token_fails_the_call_with_cancelled()
    {
        var server = new SilentServer(sendHeaders: true);
        using var channel = GrpcChannel.ForHandler(Address, server);
        using var cancel = new CancellationTokenSource();
        using var call = channel.Unary(EchoMethods.Unary, new EchoRequest(), new CallOptions(CancellationToken: cancel.Token));
        await call.ResponseHeadersAsync;

        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Disposing_an_unfinished_call_cancels_it()
    {
        var server = new SilentServer(sendHeaders: false);
        using var channel = GrpcChannel.ForHandler(Address, server);
        var call = channel.DuplexStreaming(EchoMethods.Duplex);

        call.Dispose();

        Assert.True(await server.SawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().Code);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
    }

    /// <summary>Accepts a call and never finishes it; records whether the client's cancellation reached it.</summary>
    private sealed class SilentServer(bool sendHeaders) : HttpMessageHandler
    {
        public TaskCompletionSource<bool> SawCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => SawCancellation.TrySetResult(true));
            if (!sendHeaders)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream(cancellationToken)) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);
            return response;
        }
    }

    /// <summary>A response body whose next byte never comes.</summary>
    private sealed class EndlessStream(CancellationToken requestAborted) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, requestAborted);
            await Task.Delay(Timeout.Infinite, either.Token);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
