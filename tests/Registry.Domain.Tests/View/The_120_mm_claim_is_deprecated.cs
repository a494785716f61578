namespace Registry.Domain.Tests.View;

public sealed class The_120_mm_claim_is_deprecated : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, Tulpar.Ranked(Tulpar.Turret120Id, Rank.Deprecated)];

    [Fact]
    public void Then_the_deprecated_claim_loses_to_the_normal_one() => Assert.Equal(
        [Tulpar.Turret105Id, Tulpar.Turret120Id], Attribute("turret_calibre").Competing.Select(c => c.Id));
}
