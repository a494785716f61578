namespace Registry.Domain.Tests.View;

public sealed class The_120_mm_claim_is_retracted : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, Tulpar.Retracted(Tulpar.Turret120Id)];

    [Fact]
    public void Then_only_the_105_mm_claim_competes() =>
        Assert.Equal([Tulpar.Turret105Id], Attribute("turret_calibre").Competing.Select(c => c.Id));

    [Fact]
    public void Then_there_is_no_conflict_left() => Assert.False(Attribute("turret_calibre").InConflict);

    [Fact]
    public void Then_the_retracted_claim_stays_in_the_state_with_its_retraction() =>
        Assert.Equal(new Correction(Tulpar.Operator, "entered against the wrong programme", 3), Claim(Tulpar.Turret120Id).Retraction);
}
