namespace Registry.Domain.Tests.View;

public sealed class The_120_mm_claim_is_denied : StateScenario
{
    private static readonly ClaimId Denial = Ids.Claim("leonardo-denial");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, Tulpar.LeonardoDenies(Denial.Value, Tulpar.Turret120Id)];

    [Fact]
    public void Then_the_105_mm_claim_wins_despite_its_weaker_source() =>
        Assert.Equal(Tulpar.Turret105Id, Attribute("turret_calibre").Best.Id);

    [Fact]
    public void Then_both_claims_stay_listed_the_denied_one_last_and_marked() => Assert.Collection(
        Attribute("turret_calibre").Competing,
        c => (c.Id, c.IsDenied).ShouldBe((Tulpar.Turret105Id, false)),
        c => (c.Id, c.IsDenied, c.DeniedByClaims.Single()).ShouldBe((Tulpar.Turret120Id, true, Denial)));

    [Fact]
    public void Then_the_denial_is_a_claim_of_its_own_naming_who_denied_what() =>
        (Claim(Denial).Kind, Claim(Denial).DeniedBy, Claim(Denial).Denies.Single()).ShouldBe((ClaimKind.Denial, "Leonardo", Tulpar.Turret120Id));
}
