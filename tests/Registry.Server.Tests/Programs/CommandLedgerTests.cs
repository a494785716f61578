using Registry.EventStore;
using Registry.Server.Programs.Commands;

namespace Registry.Server.Tests.Programs;

/// <summary>The ledger keeps a command's result inside its map (one event id inline); what it gives back is what was added, marked repeated.</summary>
public sealed class CommandLedgerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_result_comes_back_whole_and_marked_repeated(int events)
    {
        var ledger = new CommandLedger();
        var eventIds = Enumerable.Range(0, events).Select(_ => Guid.NewGuid()).ToArray();
        var done = new CommandOutcome.Done("kz-tulpar-light-tank", 7, new Position(1234, 1200), eventIds, Repeated: false);
        ledger.Add("command-1", done);
        ledger.AddAll(new Dictionary<string, CommandOutcome.Done> { ["command-2"] = done with { Version = 8, EventIds = [.. eventIds.Reverse()] } });

        Assert.True(ledger.TryGet("command-1", out var first));
        Assert.True(ledger.TryGet("command-2", out var second));
        Assert.False(ledger.TryGet("command-3", out _));
        Assert.Equal(("kz-tulpar-light-tank", 7L, new Position(1234, 1200), true), (first.ProgramId, first.Version, first.Position, first.Repeated));
        Assert.Equal(eventIds, first.EventIds);
        Assert.Equal(8, second.Version);
        Assert.Equal(eventIds.Reverse(), second.EventIds);
    }
}
