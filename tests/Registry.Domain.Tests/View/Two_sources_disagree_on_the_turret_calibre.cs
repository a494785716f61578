namespace Registry.Domain.Tests.View;

public sealed class Two_sources_disagree_on_the_turret_calibre : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105];

    [Fact]
    public void Then_the_120_mm_claim_from_the_better_graded_source_is_shown() =>
        Assert.Equal(new ClaimValue.Quantity(120, "mm"), Attribute("turret_calibre").Best.Value);

    [Fact]
    public void Then_the_conflict_is_flagged() => Assert.True(Attribute("turret_calibre").InConflict);

    [Fact]
    public void Then_both_values_compete_best_first_each_with_its_source() => Assert.Collection(
        Attribute("turret_calibre").Competing,
        c => (c.Value, c.Provenance.Outlet, c.Provenance.Grade).ShouldBe((new ClaimValue.Quantity(120, "mm"), "Defence Blog", "B2")),
        c => (c.Value, c.Provenance.Outlet, c.Provenance.Grade).ShouldBe((new ClaimValue.Quantity(105, "mm"), "unnamed Turkish outlet", "F3")));
}
