namespace Registry.Domain.Tests.Status;

public sealed class Production_start_denied : StateScenario
{
    private static readonly ClaimId Started = Ids.Claim("tulpar-production-started");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.ProductionPlanned, Tulpar.Stage(Started.Value, LifecycleStage.ProductionStarted),
        new ReportDenied(Ids.Claim("besqaru-denies-start"), [Started], "Besqaru", "Serial production has not begun.",
            Sources.CompanyStatement("Besqaru", "Serial production has not begun."), null),
    ];

    [Fact]
    public void Then_the_denied_stage_does_not_count() => Assert.Equal(LifecycleStage.ProductionPlanned, ProgramView.Status(State));
}
