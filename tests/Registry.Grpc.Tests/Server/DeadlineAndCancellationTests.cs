using Registry.Grpc.Tests.Echo;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

/// <summary>
/// The server enforces grpc-timeout itself (these raw requests set no deadline of their own), and a handler
/// learns of the end of its call through its cancellation token.
/// </summary>
public sealed class DeadlineAndCancellationTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>, IDisposable
{
    private readonly RawGrpc _raw = new(server.Address);

    [Fact]
    public async Task A_unary_call_past_its_deadline_ends_with_deadline_exceeded_and_the_handler_is_cancelled()
    {
        var tag = Guid.NewGuid().ToString();
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Unary",
            RawGrpc.Frame(new EchoRequest { Text = "slow", DelayMs = 30_000, Tag = tag }),
            configure: r => r.Headers.Add("grpc-timeout", "200m"));

        Assert.Equal(StatusCode.DeadlineExceeded, reply.Status);
        var observation = await ObserveAsync(tag);
        Assert.True(observation.Seen && observation.Finished && observation.Cancelled, observation.ToString());
    }

    [Fact]
    public async Task A_stream_past_its_deadline_ends_with_deadline_exceeded_after_the_messages_already_sent()
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/ServerStream",
            RawGrpc.Frame(new EchoRequest { Text = "tick", Count = 1000, DelayMs = 50 }),
            configure: r => r.Headers.Add("grpc-timeout", "500m"));

        Assert.Equal(StatusCode.DeadlineExceeded, reply.Status);
        Assert.NotEmpty(reply.Body);
        Assert.True(reply.Body.Length < 1000 * 5, "the stream should have been cut short");
    }

    [Theory]
    [InlineData("99999999H")]
    [InlineData("99999999M")]
    [InlineData("7595375S")]
    public async Task A_deadline_longer_than_a_timer_can_wait_is_clamped_not_a_server_error(string timeout)
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Unary",
            RawGrpc.Frame(new EchoRequest { Text = "far future" }),
            configure: r => r.Headers.Add("grpc-timeout", timeout));

        Assert.Equal(StatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task A_call_within_its_deadline_succeeds()
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Unary",
            RawGrpc.Frame(new EchoRequest { Text = "quick" }),
            configure: r => r.Headers.Add("grpc-timeout", "10S"));

        Assert.Equal(StatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task A_client_that_cancels_cancels_the_handler()
    {
        var tag = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource();
        var call = _raw.SendAsync("/registry.interop.v1.Echo/Unary",
            RawGrpc.Frame(new EchoRequest { Text = "abandoned", DelayMs = 30_000, Tag = tag }), cancellationToken: cancel.Token);
        await WaitUntilSeenAsync(tag);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var observation = await ObserveAsync(tag);
        Assert.True(observation.Finished && observation.Cancelled, observation.ToString());
    }

    private async Task WaitUntilSeenAsync(string tag)
    {
        for (var i = 0; i < 500 && !(await ObserveAsync(tag, waitMs: 0)).Seen; i++)
            await Task.Delay(10);
    }

    private async Task<Observation> ObserveAsync(string tag, int waitMs = 10_000)
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Observe", RawGrpc.Frame(new ObserveRequest { Tag = tag, WaitMs = waitMs }));
        Assert.Equal(StatusCode.OK, reply.Status);
        return Observation.Parser.ParseFrom(reply.Body.AsSpan(5));
    }

    public void Dispose() => _raw.Dispose();
}
