using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore;
using Registry.Projections.Publishing;

namespace Registry.Projections.Tests;

public sealed class LogPublisherTests : IAsyncDisposable
{
    private readonly ProjectionTestKit _kit = new();

    [Fact]
    public async Task Every_event_is_published_in_log_order_with_an_id_derived_from_it_and_the_checkpoint_follows()
    {
        await _kit.AppendAsync("a", 20);
        var sink = new RecordingSink();
        var database = _kit.Database();
        using var stop = new CancellationTokenSource();
        var publisher = Publisher(database, sink);
        var running = publisher.RunAsync(stop.Token);

        await _kit.AppendAsync("b", 5);
        await ProjectionTestKit.UntilAsync(() => sink.Published.Length == 25);
        await ProjectionTestKit.UntilAsync(() => publisher.Status.State == ProjectionState.Live);
        await stop.CancelAsync();
        await running;

        var log = await _kit.ReadLogAsync();
        Assert.Equal(log.Select(e => MessageIds.Derive(e.EventId, nameof(EventSeen))), sink.Published.Select(m => m.MessageId));
        Assert.Equal(log.Select(e => e.EventId), sink.Published.Select(m => ((EventSeen)m.Message).EventId));
        Assert.Equal(await _kit.Store.ReadHeadAsync(), publisher.Status.Checkpoint);
    }

    [Fact]
    public async Task While_the_bus_fails_nothing_is_skipped_and_the_outage_shows_then_everything_arrives()
    {
        await _kit.AppendAsync("a", 10);
        var sink = new RecordingSink { Failing = true };
        var database = _kit.Database();
        using var stop = new CancellationTokenSource();
        var publisher = Publisher(database, sink);
        var running = publisher.RunAsync(stop.Token);

        await ProjectionTestKit.UntilAsync(() => publisher.Status.State == ProjectionState.Retrying);
        var during = publisher.Status;
        await _kit.AppendAsync("a", 10);
        sink.Failing = false;
        await ProjectionTestKit.UntilAsync(() => sink.Published.Length == 20 && publisher.Status.State == ProjectionState.Live);
        await stop.CancelAsync();
        await running;

        Assert.Equal(Position.Start, during.Checkpoint);
        Assert.Contains("bus is down", during.Error, StringComparison.Ordinal);
        Assert.True(during.Lag > 0);
        Assert.Equal((await _kit.ReadLogAsync()).Select(e => e.EventId), sink.Published.Select(m => ((EventSeen)m.Message).EventId));
    }

    [Fact]
    public async Task After_a_crash_between_publish_and_checkpoint_the_same_messages_go_out_again_with_the_same_ids()
    {
        await _kit.AppendAsync("a", 8);
        var database = _kit.Database();
        using var crash = new CancellationTokenSource();
        var first = new RecordingSink { AfterPublish = crash.Cancel };
        await Publisher(database, first).RunAsync(crash.Token);

        var second = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var running = Publisher(database, second).RunAsync(stop.Token);
        await ProjectionTestKit.UntilAsync(() => second.Published.Length == 8);
        await stop.CancelAsync();
        await running;

        Assert.Equal(8, first.Published.Length);
        Assert.Equal(first.Published.Select(m => m.MessageId), second.Published.Select(m => m.MessageId));
    }

    [Fact]
    public async Task With_nobody_to_receive_the_messages_nothing_is_mapped_or_published_and_the_checkpoint_still_follows()
    {
        await _kit.AppendAsync("a", 12);
        var sink = new RecordingSink { Unheard = true };
        var mapper = new EventSeenMapper();
        using var stop = new CancellationTokenSource();
        var publisher = Publisher(_kit.Database(), sink, mapper);
        var running = publisher.RunAsync(stop.Token);

        await _kit.AppendAsync("b", 3);
        var head = await _kit.Store.ReadHeadAsync();
        await ProjectionTestKit.UntilAsync(() => publisher.Status is { State: ProjectionState.Live } status && status.Checkpoint == head);
        await stop.CancelAsync();
        await running;

        Assert.Equal(0, mapper.Mapped);
        Assert.Empty(sink.Published);
    }

    [Fact]
    public async Task A_publisher_stopped_between_two_checkpoint_writes_stores_where_it_got_and_resumes_from_there()
    {
        await _kit.AppendAsync("a", 6);
        var database = _kit.Database();
        var first = new RecordingSink();
        using (var stop = new CancellationTokenSource())
        {
            var publisher = Publisher(database, first);
            var running = publisher.RunAsync(stop.Token);
            await ProjectionTestKit.UntilAsync(() => first.Published.Length == 6);
            await stop.CancelAsync();
            await running;
        }
        using (var connection = database.Open())
            Assert.Equal(await _kit.Store.ReadHeadAsync(), ReadModelDatabase.ReadCheckpoint(connection, new EventSeenMapper().Name));

        await _kit.AppendAsync("b", 3);
        var second = new RecordingSink();
        using (var stop = new CancellationTokenSource())
        {
            var publisher = Publisher(database, second);
            var running = publisher.RunAsync(stop.Token);
            var head = await _kit.Store.ReadHeadAsync();
            await ProjectionTestKit.UntilAsync(() => publisher.Status is { State: ProjectionState.Live } status && status.Checkpoint == head);
            await stop.CancelAsync();
            await running;
        }
        Assert.Equal((await _kit.ReadLogAsync()).Skip(6).Select(e => e.EventId), second.Published.Select(m => ((EventSeen)m.Message).EventId));
    }

    private LogPublisher Publisher(ReadModelDatabase database, IMessageSink sink, EventSeenMapper? mapper = null) =>
        new(_kit.Store, database, mapper ?? new EventSeenMapper(), sink, NullLogger<LogPublisher>.Instance);

    public ValueTask DisposeAsync() => _kit.DisposeAsync();
}
