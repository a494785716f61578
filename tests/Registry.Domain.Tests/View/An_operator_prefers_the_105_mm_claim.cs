namespace Registry.Domain.Tests.View;

public sealed class An_operator_prefers_the_105_mm_claim : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, Tulpar.Ranked(Tulpar.Turret105Id, Rank.Preferred)];

    [Fact]
    public void Then_the_preferred_claim_beats_the_better_admiralty_grade() =>
        Assert.Equal(Tulpar.Turret105Id, Attribute("turret_calibre").Best.Id);

    [Fact]
    public void Then_the_ranking_records_who_why_and_when() =>
        Assert.Equal(new Correction(Tulpar.Operator, "checked against the manufacturer's brochure", 3), Claim(Tulpar.Turret105Id).RankCorrection);

    [Fact]
    public void Then_the_values_are_still_in_conflict() => Assert.True(Attribute("turret_calibre").InConflict);
}
