namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_an_attribute_with_an_organisation_role : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Tulpar.Turret120Id, Tulpar.TurretSupplierClaim, "it is about the supplier", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_because_the_kinds_differ() =>
        ThenRejected(RejectionKind.FailedPrecondition, "its replacement must be of the same kind");
}
