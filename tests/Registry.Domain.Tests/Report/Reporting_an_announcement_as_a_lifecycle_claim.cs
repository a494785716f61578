namespace Registry.Domain.Tests.Report;

public sealed class Reporting_an_announcement_as_a_lifecycle_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.ProductionPlannedClaim with { Stage = LifecycleStage.Announced });

    [Fact]
    public void Then_it_is_rejected_pointing_at_AnnounceProgram() =>
        ThenRejected(RejectionKind.FailedPrecondition, "a programme is announced with AnnounceProgram, not reported as a lifecycle stage");
}
