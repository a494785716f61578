namespace Registry.Domain.Tests.Deny;

public sealed class Denying_existing_claims : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.TurretSupplier];

    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand("leonardo-denial", Tulpar.Turret120Id, Tulpar.TurretSupplierId);

    [Fact]
    public void Then_a_sourced_denial_of_both_is_reported() => Then(new ReportDenied(
        Ids.Claim("leonardo-denial"), [Tulpar.Turret120Id, Tulpar.TurretSupplierId], "Leonardo",
        "The HITFACT MkII offered for this vehicle is not the 120 mm version.",
        Sources.CompanyStatement("Leonardo", "not the 120 mm version"), null));
}
