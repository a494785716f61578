using System.Diagnostics.CodeAnalysis;
using Registry.Domain.Events;
using Registry.EventStore;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// The domain events this process's commands appended lately, by event id: a follower that meets one in the
/// log takes the object its bytes were serialized from instead of deserializing them. Only an event whose id,
/// stored type and bytes are exactly those appended is taken (so a retry that the log answered with an earlier
/// append's events, or an append that failed, is decoded as usual); a stored event's bytes decode to the object
/// they were written from (StoredFormatTests). Each event is taken once, by the first follower to decode it (the
/// others find it in <see cref="DecodedEvents{T}"/>), and let go then, so that it lives no longer than a decoded
/// copy would (kept longer, the appended events cost more collections than their decoding did). A fixed number
/// of slots, each replaced whole (no locks): a miss only means decoding.
/// </summary>
internal sealed class OwnAppends(int slotBits = 12)
{
    private readonly Slot?[] _slots = new Slot?[1 << slotBits];

    public EventData Remember(EventData data, IProgramEvent programEvent)
    {
        Volatile.Write(ref _slots[SlotOf(data.EventId)], new Slot(data, programEvent));
        return data;
    }

    public bool TryTake(RecordedEvent recorded, [NotNullWhen(true)] out IProgramEvent? programEvent)
    {
        ref var place = ref _slots[SlotOf(recorded.EventId)];
        if (Volatile.Read(ref place) is { } slot && slot.Data.EventId == recorded.EventId && slot.Data.Type == recorded.Type
            && slot.Data.Data.Span.SequenceEqual(recorded.Data.Span) && Interlocked.CompareExchange(ref place, null, slot) == slot)
        {
            programEvent = slot.Event;
            return true;
        }
        programEvent = null;
        return false;
    }

    // Event ids are name-based (SHA-1 of the command id) or random: any of their bits will do.
    private int SlotOf(Guid eventId) => eventId.GetHashCode() & (_slots.Length - 1);

    private sealed record Slot(EventData Data, IProgramEvent Event);
}
