namespace Registry.Domain.Tests.Ranking;

public sealed class Ranking_a_claim_at_the_rank_it_already_has : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret105, Tulpar.Ranked(Tulpar.Turret105Id, Rank.Preferred)];

    protected override IProgramCommand When => new RankClaim(Tulpar.Id, Tulpar.Turret105Id, Rank.Preferred, "again", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_as_changing_nothing() =>
        ThenRejected(RejectionKind.FailedPrecondition, "Claim 'tulpar-turret-105' is already ranked Preferred");
}
