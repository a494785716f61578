using Registry.EventStore;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// What the followers of the log decoded lately, by event instance: the shared reader of the log hands the same
/// <see cref="RecordedEvent"/> to every follower, so the first one to decode it does so for all. A fixed number
/// of slots, each replaced whole (no locks): a miss only means decoding again.
/// </summary>
internal sealed class DecodedEvents<T>(int slots = 4096) where T : class
{
    private readonly Slot?[] _slots = new Slot?[slots];

    public T? GetOrDecode(RecordedEvent recorded, Func<RecordedEvent, T?> decode)
    {
        var index = (int)(recorded.Position.Commit % (ulong)_slots.Length);
        if (Volatile.Read(ref _slots[index]) is { } slot && ReferenceEquals(slot.Source, recorded))
            return slot.Value;
        var value = decode(recorded);
        Volatile.Write(ref _slots[index], new Slot(recorded, value));
        return value;
    }

    private sealed record Slot(RecordedEvent Source, T? Value);
}
