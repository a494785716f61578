namespace Registry.Domain.Tests.Status;

public sealed class Production_start_superseded_by_a_plan : StateScenario
{
    private static readonly ClaimId Started = Ids.Claim("tulpar-production-started");
    private static readonly ClaimId Planned = Ids.Claim("tulpar-production-planned-2026");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.Stage(Started.Value, LifecycleStage.ProductionStarted),
        Tulpar.Stage(Planned.Value, LifecycleStage.ProductionPlanned, PartialDate.OfYear(2026, "next year")), Tulpar.Superseded(Started, Planned),
    ];

    [Fact]
    public void Then_the_status_falls_back_to_the_replacement_stage() => Assert.Equal(LifecycleStage.ProductionPlanned, ProgramView.Status(State));
}
