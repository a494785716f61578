using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Registry.Contracts;
using Registry.Projections.Publishing;
using Registry.V1;

namespace Registry.Server.Tests;

/// <summary>Every programme change, made through gRPC, reaches bus subscribers as ProgramStateChanged with the whole state.</summary>
public sealed class ProgramStateChangedTests
{


    [Fact]
    public async Task Each_command_publishes_the_new_state_with_its_version_and_an_id_derived_from_its_event()
    {
        var received = new ConcurrentQueue<(Guid? MessageId, ProgramStateChanged Message)>();
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton(received), bus => bus.AddConsumer<Collector>());
        var source = new Provenance { Outlet = "Defence Blog", Language = "en", SourceType = SourceType.News, Reliability = "B", Credibility = 2, Quote = "120mm" };
        var doubtful = new Provenance { Outlet = "A daily", Language = "tr", SourceType = SourceType.News, Reliability = "F", Credibility = 3, Quote = "105mm" };

        var announced = await registry.Client.Commands.AnnounceProgramAsync(new AnnounceProgramRequest
        {
            CommandId = "a1", ProgramId = "kz-tank", ClaimId = "announced", Name = "Light tank", Kind = ProgramKind.LightTank, Country = "KZ",
            Certainty = Certainty.Reported, Provenance = source,
        });
        await registry.Client.Commands.ReportClaimAsync(Calibre("r1", "c120", "120", source));
        var last = await registry.Client.Commands.ReportClaimAsync(Calibre("r2", "c105", "105", doubtful));
        await TestRegistry.UntilAsync(() => Task.FromResult(received.Count >= 3));

        var messages = received.Select(r => r.Message).OrderBy(m => m.Version).ToList();
        Assert.Equal([0L, 1, 2], messages.Select(m => m.Version));
        Assert.Equal(["ProgramAnnounced.v1", "AttributeReported.v1", "AttributeReported.v1"], messages.Select(m => m.EventType));
        Assert.Equal(Guid.Parse(last.EventIds.Single()), messages[2].EventId);
        Assert.Equal(Guid.Parse(announced.EventIds.Single()), messages[0].EventId);
        Assert.All(received, r => Assert.Equal(MessageIds.Derive(r.Message.EventId, nameof(ProgramStateChanged)), r.MessageId));
        var calibre = Assert.Single(messages[2].State.Attributes);
        Assert.Equal("120 mm", calibre.Best.Value);
        Assert.True(calibre.Conflict);
        Assert.Equal(["120 mm", "105 mm"], calibre.Competing.Select(c => c.Value));
    }

    [Fact]
    public async Task A_claim_denied_then_ranked_shows_its_new_fate_in_each_later_state()
    {
        var received = new ConcurrentQueue<(Guid? MessageId, ProgramStateChanged Message)>();
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton(received), bus => bus.AddConsumer<Collector>());
        var source = new Provenance { Outlet = "Defence Blog", Language = "en", SourceType = SourceType.News, Reliability = "B", Credibility = 2, Quote = "120mm" };
        await registry.Client.Commands.AnnounceProgramAsync(new AnnounceProgramRequest
        {
            CommandId = "a1", ProgramId = "kz-tank", ClaimId = "announced", Name = "Light tank", Kind = ProgramKind.LightTank, Country = "KZ",
            Certainty = Certainty.Reported, Provenance = source,
        });

        await registry.Client.Commands.ReportClaimAsync(Calibre("r1", "c120", "120", source));                                   // v1
        await registry.Client.Commands.DenyReportAsync(new DenyReportRequest                                                     // v2
        {
            CommandId = "d1", ProgramId = "kz-tank", ClaimId = "denial", Denies = { "c120" }, DeniedBy = "Ministry of Defence",
            Statement = "No such turret.", Provenance = source,
        });
        await registry.Client.Commands.RankClaimAsync(new RankClaimRequest                                                       // v3
        { CommandId = "k1", ProgramId = "kz-tank", ClaimId = "c120", Rank = Rank.Preferred, Reason = "official brochure" });
        await TestRegistry.UntilAsync(() => Task.FromResult(received.Count >= 4));

        var calibre = received.Select(r => r.Message).OrderBy(m => m.Version).Skip(1)
            .Select(m => Assert.Single(m.State.Attributes).Best).Select(v => (v.ClaimId, v.Denied, v.Rank)).ToList();
        Assert.Equal([("c120", false, "Normal"), ("c120", true, "Normal"), ("c120", true, "Preferred")], calibre);
    }

    private static ReportClaimRequest Calibre(string commandId, string claimId, string millimetres, Provenance source) => new()
    {
        CommandId = commandId,
        ProgramId = "kz-tank",
        Attribute = new AttributeClaim
        {
            ClaimId = claimId, Attribute = "turret_calibre", Certainty = Certainty.Reported, Provenance = source,
            Value = new ClaimValue { Quantity = new Quantity { Amount = millimetres, Unit = "mm" } },
        },
    };

    public sealed class Collector(ConcurrentQueue<(Guid?, ProgramStateChanged)> received) : IConsumer<ProgramStateChanged>
    {
        public Task Consume(ConsumeContext<ProgramStateChanged> context)
        {
            received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }
}
