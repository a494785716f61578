using System.Runtime.CompilerServices;
using Registry.EventStore;

namespace Registry.Projections.Tests;

/// <summary>
/// A real store behind a switch: while it is down every call fails as an unreachable EventStoreDB would
/// (EventStoreUnavailableException), including subscriptions already running, which end with that error.
/// </summary>
internal sealed class OutageStore(IEventStore inner) : IEventStore
{
    private CancellationTokenSource _outage = new();
    private volatile bool _down;

    /// <summary>Set: appends to streams with this prefix fail as unreachable, everything else works (a holder cut off from its lease).</summary>
    public volatile string? FailingAppendsTo;

    public void GoDown()
    {
        _down = true;
        _outage.Cancel();
    }

    public void ComeBack()
    {
        _outage = new CancellationTokenSource();
        _down = false;
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        if (FailingAppendsTo is { } prefix && stream.StartsWith(prefix, StringComparison.Ordinal))
            throw new EventStoreUnavailableException("appends to the lease are cut off (test)");
        return inner.AppendAsync(stream, expected, events, cancellationToken);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        await foreach (var recorded in inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
            yield return recorded;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        await foreach (var recorded in inner.ReadAllAsync(direction, from, maxCount, cancellationToken))
            yield return recorded;
    }

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null, CancellationToken cancellationToken = default) =>
        Cut(inner.SubscribeToAllAsync(checkpoint, filter, Linked(cancellationToken)), cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default) =>
        Cut(inner.SubscribeToStreamAsync(stream, afterRevision, Linked(cancellationToken)), cancellationToken);

    public Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return inner.ReadHeadAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private CancellationToken Linked(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _outage.Token).Token;
    }

    private async IAsyncEnumerable<SubscriptionMessage> Cut(IAsyncEnumerable<SubscriptionMessage> subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var messages = subscription.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await messages.MoveNextAsync())
                    yield break;
            }
            catch (OperationCanceledException) when (_down && !cancellationToken.IsCancellationRequested)
            {
                throw new EventStoreUnavailableException("the store went away (test outage)");
            }
            yield return messages.Current;
        }
    }

    private void ThrowIfDown()
    {
        if (_down)
            throw new EventStoreUnavailableException("the store is unreachable (test outage)");
    }
}
