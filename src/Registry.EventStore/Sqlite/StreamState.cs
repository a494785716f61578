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

    private readonly StoredEvent[] _recent;

    public StreamState(long revision, IReadOnlyList<StoredEvent> recent)
        : this(revision, Window([], recent))
    {
    }

    private StreamState(long revision, StoredEvent[] recent)
    {
        Revision = revision;
        _recent = recent;
    }

    public long Revision { get; }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<StoredEvent> Recent => _recent;

    public StreamState With(IReadOnlyList<StoredEvent> appended) => new(appended[^1].Revision, Window(_recent, appended));

    /// <summary>The last <see cref="RecentWindow"/> of <paramref name="earlier"/> then <paramref name="appended"/>, copied once (every append makes one).</summary>
    private static StoredEvent[] Window(StoredEvent[] earlier, IReadOnlyList<StoredEvent> appended)
    {
        var fromAppended = Math.Min(appended.Count, RecentWindow);
        var fromEarlier = Math.Min(earlier.Length, RecentWindow - fromAppended);
        var window = new StoredEvent[fromEarlier + fromAppended];
        Array.Copy(earlier, earlier.Length - fromEarlier, window, 0, fromEarlier);
        for (var i = 0; i < fromAppended; i++)
            window[fromEarlier + i] = appended[appended.Count - fromAppended + i];
        return window;
    }

    /// <summary>The recent events starting with <paramref name="eventId"/>, or null when it is not among them.</summary>
    public ArraySegment<StoredEvent>? RecentFrom(Guid eventId)
    {
        for (var i = 0; i < _recent.Length; i++)
        {
            if (_recent[i].EventId == eventId)
                return new ArraySegment<StoredEvent>(_recent, i, _recent.Length - i);
        }
        return null;
    }
}

internal readonly record struct StoredEvent(Guid EventId, long Revision, long Position);
