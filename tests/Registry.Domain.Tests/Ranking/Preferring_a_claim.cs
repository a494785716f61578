namespace Registry.Domain.Tests.Ranking;

public sealed class Preferring_a_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105];

    protected override IProgramCommand When =>
        new RankClaim(Tulpar.Id, Tulpar.Turret105Id, Rank.Preferred, "checked against the manufacturer's brochure", Tulpar.Operator);

    [Fact]
    public void Then_the_claim_is_ranked_with_the_operator_and_reason() => Then(Tulpar.Ranked(Tulpar.Turret105Id, Rank.Preferred));
}
