using Google.Protobuf;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs;
using Registry.Server.Programs.Queries;
using Registry.Server.Tests.StoredFormat;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// The watchers' updates serialized from their claims' bytes are the bytes of the message the public API describes,
/// for every state of a history that uses every event type, value kind, conflicts, a denial and every correction.
/// </summary>
public sealed class UpdateEncoderTests
{
    [Fact]
    public void Every_state_of_a_history_encodes_to_the_bytes_of_its_update_message()
    {
        var encoder = new UpdateEncoder();
        var states = States();

        foreach (var (state, recorded) in states)
            Assert.Equal(Reference(state, recorded), encoder.Encode(state, recorded));
        Assert.Contains(states, s => ProgramView.Attributes(s.State).Any(a => a.InConflict));
    }

    [Fact]
    public void States_encoded_out_of_order_and_again_still_give_their_own_bytes()
    {
        var encoder = new UpdateEncoder();
        var states = States();

        foreach (var (state, recorded) in states.AsEnumerable().Reverse().Concat(states).Concat(states.Where((_, i) => i % 3 == 0)))
            Assert.Equal(Reference(state, recorded), encoder.Encode(state, recorded));
    }

    [Fact]
    public void Updates_decode_as_the_message_with_every_claim()
    {
        var (state, recorded) = States()[^1];

        var update = V1.ProgramUpdate.Parser.ParseFrom(new UpdateEncoder().Encode(state, recorded));

        Assert.Equal(state.Claims.Count, update.Program.Claims.Count);
        Assert.Equal(recorded.EventId.ToString(), update.EventId);
        Assert.Equal(ToProto.Program(state, recorded.Position), update.Program);
    }

    private static byte[] Reference(ProgramState state, RecordedEvent recorded) => new V1.ProgramUpdate
    {
        Program = ToProto.Program(state, recorded.Position),
        Position = ToProto.Position(recorded.Position),
        EventId = recorded.EventId.ToString(),
        EventType = recorded.Type,
    }.ToByteArray();

    /// <summary>Each state of the sample history with an event standing for the one that made it.</summary>
    private static List<(ProgramState State, RecordedEvent Recorded)> States()
    {
        var states = new List<(ProgramState, RecordedEvent)>();
        ProgramState? state = null;
        foreach (var (programEvent, revision) in StoredSamples.History.Select((e, i) => (e, (long)i)))
        {
            state = ProgramState.Evolve(state, StoredSamples.Program, programEvent, revision, DateTimeOffset.UnixEpoch.AddDays(20_000 + revision));
            var recorded = new RecordedEvent(Guid.NewGuid(), StoredSamples.Program.Stream, revision, Position.At((ulong)(1_000 + revision * 300)),
                programEvent.GetType().Name, Array.Empty<byte>(), Array.Empty<byte>(), DateTimeOffset.UnixEpoch);
            states.Add((state, recorded));
        }
        return states;
    }
}
