namespace Registry.Domain.Tests.Deny;

public sealed class Denying_a_claim_that_was_never_made : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand("leonardo-denial", Tulpar.Turret120Id, Ids.Claim("tulpar-turret-125"));

    [Fact]
    public void Then_it_is_rejected_naming_the_unknown_claim() =>
        ThenRejected(RejectionKind.FailedPrecondition, "has no claim 'tulpar-turret-125' to deny");
}
