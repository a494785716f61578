namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_a_retracted_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Retracted(Tulpar.Turret120Id)];

    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Tulpar.Turret120Id, Tulpar.Turret105Claim, "quote misread", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected() => ThenRejected(RejectionKind.FailedPrecondition, "was retracted; it cannot be superseded");
}
