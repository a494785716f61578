namespace Registry.Domain.Tests.Ranking;

public sealed class Ranking_a_retracted_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Retracted(Tulpar.Turret120Id)];

    protected override IProgramCommand When => new RankClaim(Tulpar.Id, Tulpar.Turret120Id, Rank.Deprecated, "wrong", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected() => ThenRejected(RejectionKind.FailedPrecondition, "Claim 'tulpar-turret-120' was retracted; it cannot be ranked");
}
