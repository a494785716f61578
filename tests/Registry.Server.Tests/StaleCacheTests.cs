using Microsoft.Extensions.DependencyInjection;
using Registry.Client;
using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.EventStore;
using Registry.Server.Programs.Storage;
using Registry.V1;

namespace Registry.Server.Tests;

/// <summary>
/// Commands first decide on what this process already knows of a programme. When the log has moved on
/// without it (as when another registry process writes to a shared log), the command must still be decided
/// on the log as it is: never rejected or appended on stale knowledge.
/// </summary>
public sealed class StaleCacheTests
{
    [Fact]
    public async Task A_claim_written_behind_the_commands_back_can_still_be_denied_and_reported_after()
    {
        await using var registry = await TestRegistry.StartAsync();
        var source = new V1.Provenance { Outlet = "Ministry", Language = "en", SourceType = V1.SourceType.Official, Reliability = "A", Credibility = 1, Quote = "q" };
        await registry.Client.Commands.AnnounceProgramAsync(new AnnounceProgramRequest
        {
            CommandId = "announce", ProgramId = "kz-fund", ClaimId = "announced", Name = "Fund", Kind = V1.ProgramKind.Fund, Country = "KZ",
            Certainty = V1.Certainty.Reported, Provenance = source,
        });
        var behind = new AttributeReported(ClaimId.Parse("written-elsewhere"), "investment", new Domain.Claims.ClaimValue.Money(120_000_000_000m, "KZT", []), null,
            Domain.Claims.Certainty.Reported, new Domain.Claims.Provenance("Ministry", null, null, null, "en", Domain.Claims.SourceType.Official, 'A', 1, "q"), null);
        await registry.Services.GetRequiredService<IEventStore>().AppendAsync(ProgramId.Parse("kz-fund").Stream, ExpectedRevision.Exact(0),
            [ProgramEvents.ToEventData(behind, Guid.NewGuid(), new EventMetadata("elsewhere", "other-process", "elsewhere", "elsewhere", null, 1))]);

        var denied = await registry.Client.Commands.DenyReportAsync(new DenyReportRequest
        {
            CommandId = "deny", ProgramId = "kz-fund", ClaimId = "denial", Denies = { "written-elsewhere" }, DeniedBy = "Parliament",
            Statement = "No such allocation.", Provenance = source,
        });
        var reported = await registry.Client.Commands.ReportClaimAsync(new ReportClaimRequest
        {
            CommandId = "report", ProgramId = "kz-fund",
            Attribute = new AttributeClaim
            {
                ClaimId = "jobs", Attribute = "jobs", Certainty = V1.Certainty.Reported, Provenance = source,
                Value = new V1.ClaimValue { Quantity = new Quantity { Amount = "134", Unit = "jobs" } },
            },
        });

        Assert.Equal(2, denied.Version);
        Assert.Equal(3, reported.Version);
        Assert.False(denied.Repeated || reported.Repeated);
    }
}
