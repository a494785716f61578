namespace Registry.EventStore.Sqlite;

/// <summary>
/// What the writer knows of a stream: its revision, and the ids of its most recent events, so that a retried
/// append is recognised without an index over every event id in the log (which would cost every append a
/// write to a random page). Immutable: a batch builds new states and keeps them only if it commits.
/// </summary>
internal sealed class StreamState
{
    /// <summary>How far back a retry is recognised when the append expects no particular revision.</summary>
    public const int RecentWindow = 128;

    // The recent events are kept in chunks that successive states share: an append copies only the few newest
    // events, not the whole window. The window, copied on every append, was a quarter of what survived each
    // young-generation collection under load.
    private const int ChunkSize = 16;

    private readonly StoredEvent[][] _full;
    private readonly StoredEvent[] _newest;

    public StreamState(long revision, IReadOnlyList<StoredEvent> recent)
        : this(revision, Append([], [], recent))
    {
    }

    private StreamState(long revision, (StoredEvent[][] Full, StoredEvent[] Newest) recent)
    {
        Revision = revision;
        (_full, _newest) = recent;
    }

    public long Revision { get; }

    /// <summary>The last <see cref="RecentWindow"/> events, oldest first.</summary>
    public IReadOnlyList<StoredEvent> Recent => From(FirstHeld);

    public StreamState With(IReadOnlyList<StoredEvent> appended) => new(appended[^1].Revision, Append(_full, _newest, appended));

    /// <summary>The recent events starting with <paramref name="eventId"/>, or null when it is not among them.</summary>
    public IReadOnlyList<StoredEvent>? RecentFrom(Guid eventId)
    {
        for (var i = FirstHeld; i < Count; i++)
        {
            if (At(i).EventId == eventId)
                return From(i);
        }
        return null;
    }

    private int Count => (_full.Length * ChunkSize) + _newest.Length;

    /// <summary>Chunks hold a few more than the window; the window itself is exactly the last <see cref="RecentWindow"/>.</summary>
    private int FirstHeld => Math.Max(0, Count - RecentWindow);

    private StoredEvent At(int index) =>
        index < _full.Length * ChunkSize ? _full[index / ChunkSize][index % ChunkSize] : _newest[index - (_full.Length * ChunkSize)];

    private StoredEvent[] From(int index)
    {
        var events = new StoredEvent[Count - index];
        for (var i = 0; i < events.Length; i++)
            events[i] = At(index + i);
        return events;
    }

    /// <summary>
    /// Full chunks then the newest events after <paramref name="appended"/>: full chunks are shared, never changed;
    /// only as many are kept as the window needs.
    /// </summary>
    private static (StoredEvent[][] Full, StoredEvent[] Newest) Append(StoredEvent[][] full, StoredEvent[] newest, IReadOnlyList<StoredEvent> appended)
    {
        var pending = new StoredEvent[newest.Length + appended.Count];
        newest.CopyTo(pending, 0);
        for (var i = 0; i < appended.Count; i++)
            pending[newest.Length + i] = appended[i];
        if (pending.Length < ChunkSize)
            return (full, pending);

        var chunks = new List<StoredEvent[]>(full);
        var at = 0;
        for (; pending.Length - at >= ChunkSize; at += ChunkSize)
            chunks.Add(pending[at..(at + ChunkSize)]);
        var rest = pending[at..];
        var needed = Math.Max(0, (RecentWindow - rest.Length + ChunkSize - 1) / ChunkSize);
        if (chunks.Count > needed)
            chunks.RemoveRange(0, chunks.Count - needed);
        return ([.. chunks], rest);
    }
}

internal readonly record struct StoredEvent(Guid EventId, long Revision, long Position);
