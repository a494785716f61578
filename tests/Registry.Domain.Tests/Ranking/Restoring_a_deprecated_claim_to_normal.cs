namespace Registry.Domain.Tests.Ranking;

public sealed class Restoring_a_deprecated_claim_to_normal : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Ranked(Tulpar.Turret120Id, Rank.Deprecated)];

    protected override IProgramCommand When =>
        new RankClaim(Tulpar.Id, Tulpar.Turret120Id, Rank.Normal, "checked against the manufacturer's brochure", Tulpar.Operator);

    [Fact]
    public void Then_the_claim_is_ranked_normal_again() => Then(Tulpar.Ranked(Tulpar.Turret120Id, Rank.Normal));
}
