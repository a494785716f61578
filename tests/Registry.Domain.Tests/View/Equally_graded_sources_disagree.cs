namespace Registry.Domain.Tests.View;

/// <summary>Two F3 sources on the Tulpar turret: the dated one (7 January 2026) against the undated ministry summary.</summary>
public sealed class Equally_graded_sources_disagree : StateScenario
{
    private static readonly ClaimId Undated = Ids.Claim("tulpar-turret-undated");

    protected override ProgramId Program => Tulpar.Id;

    // The undated claim is recorded last, so only the publication date can put the dated one first.
    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.Turret105,
        Tulpar.Turret120 with { ClaimId = Undated, Provenance = Sources.MinistryReportSummary("120 mm") },
    ];

    [Fact]
    public void Then_the_later_publication_wins() => Assert.Equal(Tulpar.Turret105Id, Attribute("turret_calibre").Best.Id);
}
