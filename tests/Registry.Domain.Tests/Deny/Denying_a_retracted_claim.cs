namespace Registry.Domain.Tests.Deny;

public sealed class Denying_a_retracted_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Retracted(Tulpar.Turret120Id)];

    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand("leonardo-denial", Tulpar.Turret120Id);

    [Fact]
    public void Then_it_is_rejected_because_the_claim_no_longer_counts() =>
        ThenRejected(RejectionKind.FailedPrecondition, "Claim 'tulpar-turret-120' was retracted; it cannot be denied");
}
