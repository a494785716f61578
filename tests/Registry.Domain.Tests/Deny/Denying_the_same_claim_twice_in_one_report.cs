namespace Registry.Domain.Tests.Deny;

public sealed class Denying_the_same_claim_twice_in_one_report : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.TurretSupplier];

    protected override IProgramCommand When =>
        Tulpar.LeonardoDeniesCommand("leonardo-denial", Tulpar.Turret120Id, Tulpar.TurretSupplierId, Tulpar.Turret120Id);

    [Fact]
    public void Then_each_denied_claim_is_named_once_in_first_mention_order()
    {
        var denied = Assert.IsType<ReportDenied>(Assert.Single(Decision.Events));
        Assert.Equal([Tulpar.Turret120Id, Tulpar.TurretSupplierId], denied.Denies);
    }
}
