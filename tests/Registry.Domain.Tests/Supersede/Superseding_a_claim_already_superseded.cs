namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_a_claim_already_superseded : Scenario
{
    private static readonly ClaimId Corrected = Ids.Claim("tulpar-turret-120-corrected");

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105 with { ClaimId = Corrected }, Tulpar.Superseded(Tulpar.Turret120Id, Corrected)];

    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Tulpar.Turret120Id, Tulpar.Turret105Claim with { Id = Ids.Claim("tulpar-turret-120-corrected-again") }, "again", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_pointing_at_the_replacement() =>
        ThenRejected(RejectionKind.FailedPrecondition, "Claim 'tulpar-turret-120' was superseded by 'tulpar-turret-120-corrected'");
}
