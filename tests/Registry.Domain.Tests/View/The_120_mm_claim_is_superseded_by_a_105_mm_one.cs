namespace Registry.Domain.Tests.View;

public sealed class The_120_mm_claim_is_superseded_by_a_105_mm_one : StateScenario
{
    private static readonly ClaimId Corrected = Ids.Claim("tulpar-turret-120-corrected");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105,
        Tulpar.Turret120 with { ClaimId = Corrected, Value = new ClaimValue.Quantity(105, "mm") },
        Tulpar.Superseded(Tulpar.Turret120Id, Corrected),
    ];

    [Fact]
    public void Then_the_superseded_claim_stops_competing() =>
        Assert.Equal([Corrected, Tulpar.Turret105Id], Attribute("turret_calibre").Competing.Select(c => c.Id));

    [Fact]
    public void Then_the_sources_left_agree_so_there_is_no_conflict() => Assert.False(Attribute("turret_calibre").InConflict);

    [Fact]
    public void Then_the_superseded_claim_stays_in_the_state_pointing_at_its_replacement() =>
        (Claim(Tulpar.Turret120Id).SupersededBy, Claim(Tulpar.Turret120Id).Supersession)
            .ShouldBe((Corrected, new Correction(Tulpar.Operator, "quote misread", 4)));
}
