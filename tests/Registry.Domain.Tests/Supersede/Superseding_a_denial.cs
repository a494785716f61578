namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_a_denial : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.LeonardoDenies("leonardo-denial", Tulpar.Turret120Id)];

    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Ids.Claim("leonardo-denial"), Tulpar.Turret105Claim, "it was a statement about calibre", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_because_no_reported_claim_is_a_denial() =>
        ThenRejected(RejectionKind.FailedPrecondition, "is a Denial claim; its replacement must be of the same kind");
}
