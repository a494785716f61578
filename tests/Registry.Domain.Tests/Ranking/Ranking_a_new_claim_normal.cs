namespace Registry.Domain.Tests.Ranking;

public sealed class Ranking_a_new_claim_normal : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret105];

    protected override IProgramCommand When => new RankClaim(Tulpar.Id, Tulpar.Turret105Id, Rank.Normal, "looks fine", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_because_claims_start_normal() =>
        ThenRejected(RejectionKind.FailedPrecondition, "already ranked Normal");
}
