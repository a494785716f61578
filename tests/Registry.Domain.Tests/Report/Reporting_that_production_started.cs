namespace Registry.Domain.Tests.Report;

public sealed class Reporting_that_production_started : Scenario
{
    private static readonly ReportedClaim.Lifecycle Started = new(
        Ids.Claim("tulpar-production-started"), LifecycleStage.ProductionStarted, PartialDate.OfYear(2026, "next year"),
        new ClaimValue.Quantity(12, "vehicles"), Certainty.Reported, Sources.DefenceBlog("production of the light tank variant would begin next year"), null);

    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.ProductionPlanned];

    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Started);

    [Fact]
    public void Then_a_lifecycle_claim_at_that_stage_is_reported() => Then(new LifecycleReported(
        Ids.Claim("tulpar-production-started"), LifecycleStage.ProductionStarted, PartialDate.OfYear(2026, "next year"),
        new ClaimValue.Quantity(12, "vehicles"), Certainty.Reported, Sources.DefenceBlog("production of the light tank variant would begin next year"), null));
}
