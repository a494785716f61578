namespace Registry.Domain.Tests.Ranking;

public sealed class Ranking_a_superseded_claim : Scenario
{
    private static readonly ClaimId Corrected = Ids.Claim("tulpar-turret-120-corrected");

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105 with { ClaimId = Corrected }, Tulpar.Superseded(Tulpar.Turret120Id, Corrected)];

    protected override IProgramCommand When => new RankClaim(Tulpar.Id, Tulpar.Turret120Id, Rank.Deprecated, "wrong", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_pointing_at_the_replacement() =>
        ThenRejected(RejectionKind.FailedPrecondition, "superseded by 'tulpar-turret-120-corrected'; correct that one instead");
}
