namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_a_stage_with_an_announcement : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.ProductionPlanned];

    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Tulpar.ProductionPlannedId,
        Tulpar.ProductionPlannedClaim with { Id = Ids.Claim("tulpar-announced-again"), Stage = LifecycleStage.Announced },
        "only an announcement", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_pointing_at_AnnounceProgram() =>
        ThenRejected(RejectionKind.FailedPrecondition, "a programme is announced with AnnounceProgram, not reported as a lifecycle stage");
}
