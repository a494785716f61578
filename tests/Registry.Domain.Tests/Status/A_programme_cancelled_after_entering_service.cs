namespace Registry.Domain.Tests.Status;

public sealed class A_programme_cancelled_after_entering_service : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.Stage("tulpar-cancelled", LifecycleStage.Cancelled),
        Tulpar.Stage("tulpar-deliveries", LifecycleStage.DeliveriesRecorded), Tulpar.Stage("tulpar-in-service", LifecycleStage.EnteredService),
    ];

    [Fact]
    public void Then_cancellation_ends_all() => Assert.Equal(LifecycleStage.Cancelled, ProgramView.Status(State));
}
