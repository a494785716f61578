using Registry.Domain.Events;
using Registry.EventStore;
using Registry.Server.Programs.Storage;
using Registry.Server.Tests.StoredFormat;

namespace Registry.Server.Tests.Programs;

/// <summary>The events this process appended, handed to the followers that read them back: only for exactly what was appended.</summary>
public sealed class OwnAppendsTests
{
    private static readonly EventMetadata Metadata = new("cmd-1", "operator@registry", "cmd-1", "cmd-1", null, 1);

    [Fact]
    public void The_event_read_back_is_the_object_that_was_appended_once()
    {
        var appends = new OwnAppends();
        var programEvent = StoredSamples.Events[5];
        var data = appends.Remember(ProgramEvents.ToEventData(programEvent, Guid.NewGuid(), Metadata), programEvent);
        var recorded = Recorded(data.EventId, data.Type, data.Data.ToArray());

        Assert.True(appends.TryTake(recorded, out var found));
        Assert.Same(programEvent, found);
        Assert.False(appends.TryTake(recorded, out _));
    }

    [Fact]
    public void Another_id_type_or_payload_is_not_taken_for_it()
    {
        var appends = new OwnAppends();
        var programEvent = StoredSamples.Events[5];
        var data = appends.Remember(ProgramEvents.ToEventData(programEvent, Guid.NewGuid(), Metadata), programEvent);
        var bytes = data.Data.ToArray();
        var changed = data.Data.ToArray();
        changed[^2] ^= 1;

        Assert.False(appends.TryTake(Recorded(Guid.NewGuid(), data.Type, bytes), out _));
        Assert.False(appends.TryTake(Recorded(data.EventId, "Other.v1", bytes), out _));
        Assert.False(appends.TryTake(Recorded(data.EventId, data.Type, changed), out _));
        Assert.False(appends.TryTake(Recorded(data.EventId, data.Type, bytes[..^1]), out _));
    }

    [Fact]
    public void Appends_that_share_a_slot_replace_each_other_without_mixing_up_events()
    {
        var appends = new OwnAppends(slotBits: 4);
        var appended = StoredSamples.Events.Select(e => (Event: e, Data: appends.Remember(ProgramEvents.ToEventData(e, Guid.NewGuid(), Metadata), e))).ToList();

        var found = 0;
        foreach (var (programEvent, data) in appended)
        {
            if (appends.TryTake(Recorded(data.EventId, data.Type, data.Data.ToArray()), out var back))
            {
                Assert.Same(programEvent, back);
                found++;
            }
        }
        Assert.InRange(found, 1, 16);
    }

    private static RecordedEvent Recorded(Guid id, string type, byte[] data) =>
        new(id, StoredSamples.Program.Stream, 0, Position.Start, type, data, Metadata.ToJson(), DateTimeOffset.UnixEpoch);
}
