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

    // The recent events are kept in chunks of ChunkSize that successive states share. The chunk being filled is
    // shared too: a state sees its first _newestCount slots, and appending writes the next slot when no other state
    // has written it (else the state copies what it sees into a chunk of its own: a batch that did not commit, say).
    // So an append costs the new state, not a copy of the newest events: the window copied on every append was a
    // quarter of what survived each young-generation collection under load, and the newest events copied on every
    // append still a twentieth.
    private const int ChunkSize = 16;

    /// <summary>Enough full chunks that they and the newest hold the window even when the newest is empty.</summary>
    private const int FullChunksKept = RecentWindow / ChunkSize;

    private readonly StoredEvent[][] _full;

    // For each full chunk, one bit of 64 per event id it holds (chosen by the id's hash): an append looks for its
    // first id among the recent events, and is almost always new, so most chunks are passed over without reading
    // them (the window of 1,000 streams does not stay in the processor's caches between two appends to one).
    private readonly ulong[] _fullIds;
    private readonly Chunk _newest;
    private readonly int _newestCount;

    public StreamState(long revision, IReadOnlyList<StoredEvent> recent)
        : this(revision, [], [], new Chunk(), 0)
    {
        (_full, _fullIds, _newest, _newestCount) = Appended(recent);
    }

    private StreamState(long revision, StoredEvent[][] full, ulong[] fullIds, Chunk newest, int newestCount)
    {
        Revision = revision;
        _full = full;
        _fullIds = fullIds;
        _newest = newest;
        _newestCount = newestCount;
    }

    public long Revision { get; }

    /// <summary>The last <see cref="RecentWindow"/> events, oldest first.</summary>
    public IReadOnlyList<StoredEvent> Recent => From(FirstHeld);

    public StreamState With(IReadOnlyList<StoredEvent> appended)
    {
        var (full, fullIds, newest, newestCount) = Appended(appended);
        return new StreamState(appended[^1].Revision, full, fullIds, newest, newestCount);
    }

    /// <summary>The recent events starting with <paramref name="eventId"/>, or null when it is not among them.</summary>
    public IReadOnlyList<StoredEvent>? RecentFrom(Guid eventId)
    {
        var bit = IdBit(eventId);
        var inFull = _full.Length * ChunkSize;
        for (var i = FirstHeld; i < Count; i++)
        {
            if (i < inFull && (_fullIds[i / ChunkSize] & bit) == 0)
                i = ((i / ChunkSize) + 1) * ChunkSize - 1; // not in this chunk: on to the next one
            else if (At(i).EventId == eventId)
                return From(i);
        }
        return null;
    }

    private static ulong IdBit(Guid eventId) => 1UL << (int)((uint)eventId.GetHashCode() % 64);

    private static ulong IdsOf(StoredEvent[] chunk)
    {
        var ids = 0UL;
        foreach (var stored in chunk)
            ids |= IdBit(stored.EventId);
        return ids;
    }

    private int Count => (_full.Length * ChunkSize) + _newestCount;

    /// <summary>Chunks hold a few more than the window; the window itself is exactly the last <see cref="RecentWindow"/>.</summary>
    private int FirstHeld => Math.Max(0, Count - RecentWindow);

    private StoredEvent At(int index) =>
        index < _full.Length * ChunkSize ? _full[index / ChunkSize][index % ChunkSize] : _newest.Slots[index - (_full.Length * ChunkSize)];

    private StoredEvent[] From(int index)
    {
        var events = new StoredEvent[Count - index];
        for (var i = 0; i < events.Length; i++)
            events[i] = At(index + i);
        return events;
    }

    /// <summary>
    /// This state's chunks with <paramref name="appended"/> after them. Full chunks are never changed (every slot of
    /// theirs is written); only as many are kept as the window needs.
    /// </summary>
    private (StoredEvent[][] Full, ulong[] FullIds, Chunk Newest, int NewestCount) Appended(IReadOnlyList<StoredEvent> appended)
    {
        var (full, fullIds, newest, count) = (_full, _fullIds, _newest, _newestCount);
        foreach (var stored in appended)
        {
            if (count == ChunkSize)
            {
                var kept = full.Length + 1 - FullChunksKept;
                (full, fullIds) = ([.. full.Skip(kept), newest.Slots], [.. fullIds.Skip(kept), IdsOf(newest.Slots)]);
                (newest, count) = (new Chunk(), 0);
            }
            // Only the state that has seen every slot written so far may write the next; the others copy.
            if (newest.Written != count)
                newest = newest.CopyOf(count);
            newest.Slots[count++] = stored;
            newest.Written = count;
        }
        return (full, fullIds, newest, count);
    }

    /// <summary>A chunk and how many of its slots were written, by whichever state (only the log's writer makes states).</summary>
    private sealed class Chunk
    {
        public readonly StoredEvent[] Slots = new StoredEvent[ChunkSize];
        public int Written;

        public Chunk CopyOf(int count)
        {
            var copy = new Chunk { Written = count };
            Array.Copy(Slots, copy.Slots, count);
            return copy;
        }
    }
}

internal readonly record struct StoredEvent(Guid EventId, long Revision, long Position);
