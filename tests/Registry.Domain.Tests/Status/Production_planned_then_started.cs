namespace Registry.Domain.Tests.Status;

public sealed class Production_planned_then_started : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    // Reported out of order: the start is recorded before the plan.
    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Stage("tulpar-production-started", LifecycleStage.ProductionStarted), Tulpar.ProductionPlanned];

    [Fact]
    public void Then_its_status_is_the_furthest_stage_not_the_latest_recorded() =>
        Assert.Equal(LifecycleStage.ProductionStarted, ProgramView.Status(State));
}
