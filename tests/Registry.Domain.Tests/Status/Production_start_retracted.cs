namespace Registry.Domain.Tests.Status;

public sealed class Production_start_retracted : StateScenario
{
    private static readonly ClaimId Started = Ids.Claim("tulpar-production-started");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.ProductionPlanned, Tulpar.Stage(Started.Value, LifecycleStage.ProductionStarted), Tulpar.Retracted(Started)];

    [Fact]
    public void Then_the_retracted_stage_does_not_count() => Assert.Equal(LifecycleStage.ProductionPlanned, ProgramView.Status(State));
}
