using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore.SharedReader;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStore.Tests.SharedReader;

/// <summary>What the shared reader adds to the contract: one read for every subscriber, and subscribers that leave and rejoin its window.</summary>
public sealed class SharedLogStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private SharedLogStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SharedLogStore(SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("log.db") }),
            NullLogger<SharedLogStore>.Instance, capacity: 16);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Live_subscribers_are_given_the_same_event_instances()
    {
        await WaitUntilWindowOpenAsync();
        using var stop = new CancellationTokenSource(Patience);
        var head = await _store.ReadHeadAsync();
        var stream = TestEvents.Stream();
        var first = Collect(_store.SubscribeToAllAsync(head, null, stop.Token), 5, stop.Token);
        var second = Collect(_store.SubscribeToAllAsync(head, SubscriptionFilter.OnStreamPrefix(stream), stop.Token), 5, stop.Token);

        // Appended one at a time after both subscribed to the open window: each is read from the log once.
        foreach (var data in TestEvents.Many(5))
            await _store.AppendAsync(stream, ExpectedRevision.Any, [data]);

        var a = await first;
        var b = await second;
        Assert.Equal(5, a.Count);
        Assert.All(a.Zip(b), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public async Task A_subscriber_left_behind_by_the_window_catches_up_by_itself_and_rejoins_without_gap_or_duplicate()
    {
        await WaitUntilWindowOpenAsync();
        using var stop = new CancellationTokenSource(Patience);
        var head = await _store.ReadHeadAsync();
        var stream = TestEvents.Stream();
        await using var slow = _store.SubscribeToAllAsync(head, null, stop.Token).GetAsyncEnumerator(stop.Token);

        // Ten times the window while the slow subscriber reads nothing; then more once it reads again.
        var written = new List<Guid>();
        for (var i = 0; i < 160; i++)
        {
            var data = TestEvents.New();
            written.Add(data.EventId);
            await _store.AppendAsync(stream, ExpectedRevision.Any, [data]);
        }
        var delivered = new List<Guid>();
        while (delivered.Count < 200 && await slow.MoveNextAsync())
        {
            if (slow.Current is SubscriptionMessage.EventAppeared appeared)
                delivered.Add(appeared.Recorded.EventId);
            if (delivered.Count == 100)
            {
                for (var i = 0; i < 40; i++)
                {
                    var data = TestEvents.New();
                    written.Add(data.EventId);
                    await _store.AppendAsync(stream, ExpectedRevision.Any, [data]);
                }
            }
        }

        Assert.Equal(written, delivered);
    }

    [Fact]
    public async Task A_subscriber_of_a_quiet_stream_is_told_it_is_caught_up_as_the_log_moves_on()
    {
        await WaitUntilWindowOpenAsync();
        using var stop = new CancellationTokenSource(Patience);
        var head = await _store.ReadHeadAsync();
        await using var quiet = _store.SubscribeToAllAsync(head, SubscriptionFilter.OnStreamPrefix("quiet-"), stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await quiet.MoveNextAsync());

        // Far more than the window of other streams' events: the quiet subscriber is woken before the window passes it.
        AppendResult last = default!;
        for (var i = 0; i < 100; i++)
            last = await _store.AppendAsync(TestEvents.Stream("busy"), ExpectedRevision.NoStream, [TestEvents.New()]);
        var caughtUp = Position.Start;
        var nearHead = Position.At(last.Position.Commit - 8);
        while (caughtUp < nearHead && await quiet.MoveNextAsync())
        {
            Assert.IsType<SubscriptionMessage.CaughtUp>(quiet.Current);
            caughtUp = ((SubscriptionMessage.CaughtUp)quiet.Current).Head;
        }
        Assert.True(caughtUp >= nearHead, $"caught up to {caughtUp}, the head is {last.Position}");
    }

    [Fact]
    public async Task A_subscriber_that_caught_up_by_itself_ahead_of_the_shared_reader_gets_nothing_twice()
    {
        await using var gated = new GatedReaderStore(SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("gated.db") }));
        await using var store = new SharedLogStore(gated, NullLogger<SharedLogStore>.Instance, capacity: 64);
        var wanted = TestEvents.Stream("wanted");
        var others = TestEvents.Stream("others");
        using var stop = new CancellationTokenSource(Patience);
        var first = (await store.AppendAsync(wanted, ExpectedRevision.Any, [TestEvents.New()])).Position;
        await store.AppendAsync(others, ExpectedRevision.Any, TestEvents.Many(5));
        await using (var opening = store.SubscribeToAllAsync(await store.ReadHeadAsync(), null, stop.Token).GetAsyncEnumerator(stop.Token))
            await opening.MoveNextAsync();
        while (!store.WindowOpen)
            await Task.Delay(10, stop.Token);

        // The shared reader is held back while more arrive. A subscriber of 'wanted' from the start reads them by
        // itself: its filter passes over the others, so it goes from before the window to past all it holds at once.
        gated.Hold();
        await store.AppendAsync(others, ExpectedRevision.Any, TestEvents.Many(10));
        var last = (await store.AppendAsync(wanted, ExpectedRevision.Any, [TestEvents.New()])).Position;
        await using var subscriber = store.SubscribeToAllAsync(null, SubscriptionFilter.OnStreamPrefix(wanted), stop.Token).GetAsyncEnumerator(stop.Token);
        var delivered = new List<Position>();
        while (await subscriber.MoveNextAsync())
        {
            if (subscriber.Current is SubscriptionMessage.EventAppeared appeared)
                delivered.Add(appeared.Recorded.Position);
            else if (delivered.Count == 2)
                break; // caught up, after moving onto the window while the shared reader was held back
        }
        gated.Release();
        var next = (await store.AppendAsync(wanted, ExpectedRevision.Any, [TestEvents.New()])).Position;
        while (delivered.Count < 3 && await subscriber.MoveNextAsync())
        {
            if (subscriber.Current is SubscriptionMessage.EventAppeared appeared)
                delivered.Add(appeared.Recorded.Position);
        }

        Assert.Equal([first, last, next], delivered);
    }

    /// <summary>Starts the shared reader (it starts with the first subscription) and waits until it holds the head.</summary>
    private async Task WaitUntilWindowOpenAsync()
    {
        using var stop = new CancellationTokenSource(Patience);
        await using var first = _store.SubscribeToAllAsync(await _store.ReadHeadAsync(), null, stop.Token).GetAsyncEnumerator(stop.Token);
        await first.MoveNextAsync();
        while (!_store.WindowOpen)
            await Task.Delay(10, stop.Token);
    }

    private static async Task<List<RecordedEvent>> Collect(IAsyncEnumerable<SubscriptionMessage> subscription, int count, CancellationToken cancellationToken)
    {
        var got = new List<RecordedEvent>();
        await foreach (var message in subscription.WithCancellation(cancellationToken))
        {
            if (message is SubscriptionMessage.EventAppeared appeared)
                got.Add(appeared.Recorded);
            if (got.Count == count)
                break;
        }
        return got;
    }
}

/// <summary>A store whose unfiltered subscriptions (the shared reader's) can be held back while everything else goes on.</summary>
internal sealed class GatedReaderStore(IEventStore store) : IEventStore
{
    private volatile TaskCompletionSource _open = Opened();

    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in store.SubscribeToAllAsync(checkpoint, filter, cancellationToken))
        {
            if (filter is null)
                await _open.Task.WaitAsync(cancellationToken);
            yield return message;
        }
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        store.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default) =>
        store.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount, CancellationToken cancellationToken = default) =>
        store.ReadAllAsync(direction, from, maxCount, cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default) =>
        store.SubscribeToStreamAsync(stream, afterRevision, cancellationToken);

    public Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default) => store.ReadHeadAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
