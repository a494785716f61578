namespace Registry.Domain.Tests.Status;

public sealed class A_programme_only_announced : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.TurretSupplier];

    [Fact]
    public void Then_its_status_is_announced() => Assert.Equal(LifecycleStage.Announced, ProgramView.Status(State));
}
