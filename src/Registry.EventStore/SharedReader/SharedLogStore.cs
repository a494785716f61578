using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Registry.EventStore.SharedReader;

/// <summary>
/// An event store whose subscriptions to the global log share one reader. A single subscription to $all
/// keeps the newest events in an <see cref="EventWindow"/>, and every <see cref="SubscribeToAllAsync"/> is
/// served from it: each event is read from the log once, and every subscriber gets the same
/// <see cref="RecordedEvent"/> instance (so what one follower decodes from it, the others can reuse).
/// A subscriber whose checkpoint is older than the window catches up with a subscription of its own and moves
/// onto the window once it reaches it; one the window leaves behind goes back to catching up by itself.
/// Everything else passes straight through to the store it wraps, which it owns.
/// </summary>
public sealed partial class SharedLogStore : IEventStore, IStoreHealth
{
    public const int DefaultCapacity = 65_536;
    private const int ReadChunk = 256;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly IEventStore _store;
    private readonly EventWindow _window;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    public SharedLogStore(IEventStore store, ILogger<SharedLogStore> logger, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _store = store;
        _logger = logger;
        _window = new EventWindow(capacity);
    }

    /// <summary>The store every call goes to in the end.</summary>
    public IEventStore Wrapped => _store;

    /// <summary>Whether the shared reader holds the log's newest events yet (it starts at the first subscription).</summary>
    internal bool WindowOpen => _window.IsOpen;

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        _store.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default) =>
        _store.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount, CancellationToken cancellationToken = default) =>
        _store.ReadAllAsync(direction, from, maxCount, cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default) =>
        _store.SubscribeToStreamAsync(stream, afterRevision, cancellationToken);

    public Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default) => _store.ReadHeadAsync(cancellationToken);

    public Task<StoreReachability> CheckReachableAsync(CancellationToken cancellationToken = default) =>
        _store is IStoreHealth health ? health.CheckReachableAsync(cancellationToken)
            : Task.FromResult(new StoreReachability(true, "The event log is embedded in this process."));

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureReading();
        var after = checkpoint ?? Position.Start;
        var chunk = new RecordedEvent[ReadChunk];
        while (true)
        {
            // Behind the window: a subscription of its own, until everything that follows is in the window.
            var sequence = _window.Join(after);
            if (sequence is null)
            {
                await using var catchUp = _store.SubscribeToAllAsync(after == Position.Start ? null : after, filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (sequence is null && await catchUp.MoveNextAsync())
                {
                    var message = catchUp.Current;
                    after = message switch
                    {
                        SubscriptionMessage.EventAppeared appeared => appeared.Recorded.Position,
                        SubscriptionMessage.CaughtUp caughtUp when caughtUp.Head > after => caughtUp.Head,
                        _ => after,
                    };
                    yield return message;
                    sequence = _window.Join(after);
                }
                if (sequence is null)
                    yield break;
            }

            // In the window: the shared reader's events, until the window moves past this subscriber.
            Position? announced = null;
            while (true)
            {
                var count = _window.Read(sequence.Value, chunk);
                if (count < 0)
                    break;
                for (var i = 0; i < count; i++)
                {
                    var recorded = chunk[i];
                    chunk[i] = null!;
                    sequence++;
                    // A subscriber that caught up by itself can be ahead of the shared reader: what it already has, it skips.
                    if (recorded.Position <= after)
                        continue;
                    after = recorded.Position;
                    if (filter is null || filter.Matches(recorded.Stream, recorded.Type))
                        yield return new SubscriptionMessage.EventAppeared(recorded);
                }
                if (count == chunk.Length)
                    continue;
                // Everything the window holds is delivered: say so once per arrival, then wait for more.
                if (announced != after)
                {
                    announced = after;
                    yield return new SubscriptionMessage.CaughtUp(after);
                }
                await _window.WaitAsync(sequence.Value, filter, cancellationToken);
            }
        }
    }

    private void EnsureReading()
    {
        if (Volatile.Read(ref _reader) is not null)
            return;
        var reader = new Task<Task>(() => ReadLogAsync(_stop.Token));
        if (Interlocked.CompareExchange(ref _reader, reader.Unwrap(), null) is null)
            reader.Start(TaskScheduler.Default);
    }

    /// <summary>The one reader: from the head as it was at the first subscription, every event into the window, resuming after a failure where it stopped.</summary>
    private async Task ReadLogAsync(CancellationToken stop)
    {
        Position? after = null;
        var delay = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (after is null)
                {
                    after = await _store.ReadHeadAsync(stop);
                    _window.Open(after.Value);
                }
                await using var log = _store.SubscribeToAllAsync(after == Position.Start ? null : after, null, stop).GetAsyncEnumerator(stop);
                while (true)
                {
                    // What one read of the log brought is announced together, when the next event is not there yet.
                    var moving = log.MoveNextAsync();
                    if (!moving.IsCompleted)
                        _window.Announce();
                    if (!await moving)
                        break;
                    if (log.Current is SubscriptionMessage.EventAppeared { Recorded: var recorded })
                    {
                        _window.Append(recorded);
                        after = recorded.Position;
                    }
                    delay = FirstRetry;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReaderFailed(delay, e.Message, e);
                _window.Fault(e);
                try
                {
                    await Task.Delay(delay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Volatile.Read(ref _reader) is { } reader)
            await reader.ConfigureAwait(false);
        _stop.Dispose();
        await _store.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared reader of the log failed ({Error}); trying again in {Delay}")]
    private partial void LogReaderFailed(TimeSpan delay, string error, Exception exception);
}
