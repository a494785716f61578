using System.Diagnostics.CodeAnalysis;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// The log's newest events as the writer committed them, by position, so that a follower at the head takes them
/// from memory rather than reading back what was just written (a query, and a copy of every event's bytes, for
/// each commit). The writer adds a commit's events once it is durable and before the head moves past them; a
/// position no longer held (overwritten by a newer one, or committed before this process opened the log) is read
/// from the file as before. Positions are consecutive, so a position's slot is fixed.
/// </summary>
internal sealed class CommittedTail(int capacity = CommittedTail.DefaultCapacity)
{
    /// <summary>
    /// Two of the largest commits (512 appends): the shared reader of the log takes each commit within
    /// milliseconds. Every event held survives young collections with its bytes; 4,096 of them kept 30% of the
    /// byte arrays allocated under bench/commands.sh alive through a collection, 1,024 kept 20% (one run each; gen1
    /// collections promoted 14 MB instead of 17).
    /// </summary>
    public const int DefaultCapacity = 1024;

    private readonly RecordedEvent?[] _events = new RecordedEvent?[capacity];

    public void Add(RecordedEvent recorded) => Volatile.Write(ref _events[SlotOf(recorded.Position.Commit)], recorded);

    public bool TryGet(long position, [NotNullWhen(true)] out RecordedEvent? recorded)
    {
        recorded = Volatile.Read(ref _events[SlotOf((ulong)position)]);
        if (recorded is not null && recorded.Position.Commit == (ulong)position)
            return true;
        recorded = null;
        return false;
    }

    private int SlotOf(ulong position) => (int)(position % (ulong)_events.Length);
}
