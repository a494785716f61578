using Registry.EventStore;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// What the followers of the log derived lately from an event, by event instance: the shared reader of the log
/// hands the same <see cref="RecordedEvent"/> to every follower, so the first one to decode it (or to build
/// the state or the update it makes) does so for all. A fixed number of slots, each replaced whole (no locks):
/// a miss only means deriving it again. Only for values nobody changes once derived.
/// </summary>
internal sealed class DecodedEvents<T>(int slotBits = 12)
{
    private readonly Slot?[] _slots = new Slot?[1 << slotBits];

    public bool TryGet(RecordedEvent recorded, out T value)
    {
        if (Volatile.Read(ref _slots[SlotOf(recorded)]) is { } slot && ReferenceEquals(slot.Source, recorded))
        {
            value = slot.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public T Remember(RecordedEvent recorded, T value)
    {
        Volatile.Write(ref _slots[SlotOf(recorded)], new Slot(recorded, value));
        return value;
    }

    public T GetOrDecode(RecordedEvent recorded, Func<RecordedEvent, T> decode) =>
        TryGet(recorded, out var value) ? value : Remember(recorded, decode(recorded));

    /// <summary>
    /// Like <see cref="GetOrDecode"/>, except that followers asking for the same event at the same time agree on one
    /// value: the first to fill the slot wins, and the others take its value instead of their own. With a
    /// <see cref="Lazy{T}"/> as the value, what it makes is made once however many ask at once.
    /// </summary>
    public T GetOrAdd(RecordedEvent recorded, Func<RecordedEvent, T> create)
    {
        ref var slot = ref _slots[SlotOf(recorded)];
        var seen = Volatile.Read(ref slot);
        if (seen is not null && ReferenceEquals(seen.Source, recorded))
            return seen.Value;
        var mine = new Slot(recorded, create(recorded));
        var found = Interlocked.CompareExchange(ref slot, mine, seen);
        // Lost to another event's follower (a slot shared by two events): ours stands for this one.
        return ReferenceEquals(found, seen) || !ReferenceEquals(found?.Source, recorded) ? mine.Value : found!.Value;
    }

    /// <summary>Fibonacci hashing: EventStoreDB positions are byte offsets, whose low bits say little.</summary>
    private int SlotOf(RecordedEvent recorded) => (int)((recorded.Position.Commit * 0x9E3779B97F4A7C15UL) >> (64 - slotBits));

    private sealed record Slot(RecordedEvent Source, T Value);
}
