namespace Registry.Domain.Tests.Status;

public sealed class Denial_of_the_production_start_retracted : StateScenario
{
    private static readonly ClaimId Started = Ids.Claim("tulpar-production-started");
    private static readonly ClaimId Denial = Ids.Claim("besqaru-denies-start");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.ProductionPlanned, Tulpar.Stage(Started.Value, LifecycleStage.ProductionStarted),
        new ReportDenied(Denial, [Started], "Besqaru", "Serial production has not begun.", Sources.CompanyStatement("Besqaru", "has not begun"), null),
        Tulpar.Retracted(Denial),
    ];

    [Fact]
    public void Then_the_stage_counts_again() => Assert.Equal(LifecycleStage.ProductionStarted, ProgramView.Status(State));
}
