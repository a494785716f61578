namespace Registry.Domain.Tests.Ranking;

public sealed class Ranking_an_unknown_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    protected override IProgramCommand When => new RankClaim(Tulpar.Id, Tulpar.Turret120Id, Rank.Preferred, "trust it", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_naming_the_claim() => ThenRejected(RejectionKind.FailedPrecondition, "has no claim 'tulpar-turret-120' to rank");
}
