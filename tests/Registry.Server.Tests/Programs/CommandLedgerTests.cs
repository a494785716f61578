using Registry.EventStore;
using Registry.Server.Programs.Commands;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// The ledger keeps each command's result as a version, a position and a count of events, and gives back the
/// event ids derived from the command id: what it answers must equal what the log holds, however the result came in.
/// </summary>
public sealed class CommandLedgerTests
{
    private static CommandOutcome.Done Appended(string commandId, int events, long version, ulong position) =>
        new("tulpar", version, new Position(position, position), [.. Enumerable.Range(0, events).Select(i => ProgramEvents.EventId(commandId, i))], Repeated: false);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_command_appended_now_is_answered_with_its_events_marked_repeated(int events)
    {
        var ledger = new CommandLedger();
        var done = Appended("cmd-1", events, version: 7, position: 4_000);
        ledger.Add(done);

        Assert.True(ledger.TryGet("cmd-1", ProgramEvents.EventId("cmd-1", 0), "tulpar", out var repeated));

        Assert.Equal(done with { Repeated = true, EventIds = repeated.EventIds }, repeated);
        Assert.Equal(done.EventIds, repeated.EventIds);
        Assert.False(ledger.TryGet("cmd-2", ProgramEvents.EventId("cmd-2", 0), "tulpar", out _));
    }

    [Fact]
    public void Commands_read_back_keep_their_events_whether_or_not_their_ids_are_the_derived_ones()
    {
        var ledger = new CommandLedger();
        var derived = Appended("cmd-1", 2, version: 3, position: 100) with { Repeated = true };
        // Events written with ids of their own (not by a registry): the ledger cannot derive them.
        var own = new CommandOutcome.Done("tulpar", 5, new Position(200, 200), [Guid.NewGuid(), Guid.NewGuid()], Repeated: true);
        var firstOnlyDerived = new CommandOutcome.Done("tulpar", 6, new Position(300, 300), [ProgramEvents.EventId("cmd-3", 0), Guid.NewGuid()], Repeated: true);

        ledger.AddAll(new Dictionary<string, CommandOutcome.Done> { ["cmd-1"] = derived, ["cmd-2"] = own, ["cmd-3"] = firstOnlyDerived });

        foreach (var (commandId, expected) in new[] { ("cmd-1", derived), ("cmd-2", own), ("cmd-3", firstOnlyDerived) })
        {
            Assert.True(ledger.TryGet(commandId, ProgramEvents.EventId(commandId, 0), "tulpar", out var answer), commandId);
            Assert.Equal(expected.EventIds, answer.EventIds);
            Assert.Equal(expected with { EventIds = answer.EventIds }, answer);
        }
    }
}
