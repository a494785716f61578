namespace Registry.Domain.Tests.Deny;

public sealed class Denying_a_superseded_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.Turret120,
        Tulpar.Turret105 with { ClaimId = Ids.Claim("tulpar-turret-120-corrected") },
        Tulpar.Superseded(Tulpar.Turret120Id, Ids.Claim("tulpar-turret-120-corrected")),
    ];

    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand("leonardo-denial", Tulpar.Turret120Id);

    [Fact]
    public void Then_it_is_rejected_pointing_at_the_replacement() =>
        ThenRejected(RejectionKind.FailedPrecondition, "superseded by 'tulpar-turret-120-corrected'");
}
