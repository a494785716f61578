namespace Registry.EventStore;

/// <summary>
/// The event log, with EventStoreDB's semantics: streams of events appended atomically under an expected
/// revision, a global log ($all) in commit order, and subscriptions that catch up and then go live.
/// Revisions are 0-based; the revision of a stream is that of its last event.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>
    /// Appends all of <paramref name="events"/> or none. A retry carrying the same event ids at the same place
    /// succeeds without writing again. Throws <see cref="WrongExpectedRevisionException"/> or
    /// <see cref="EventIdConflictException"/>.
    /// </summary>
    Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events of one stream from <paramref name="fromRevision"/> (inclusive; <see cref="long.MaxValue"/> for the end
    /// when reading backwards), at most <paramref name="maxCount"/>. A stream that does not exist reads empty.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default);

    /// <summary>Events of the global log from <paramref name="from"/> (inclusive), at most <paramref name="maxCount"/>.</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every event of the global log after <paramref name="checkpoint"/> (exclusive; null: from the start) that
    /// passes the filter, in order, with no gap or duplicate across the catch-up and live phases; a
    /// <see cref="SubscriptionMessage.CaughtUp"/> marks each arrival at the head. Ends only by cancellation.
    /// </summary>
    IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Every event of one stream after <paramref name="afterRevision"/> (null: from its start), catch-up then live.</summary>
    IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default);

    /// <summary>The position of the last event in the log (<see cref="Position.Start"/> when empty).</summary>
    Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default);
}
