namespace Registry.Domain.Tests.View;

/// <summary>The denial itself was entered in error (wrong programme): once retracted it must no longer rank anything down.</summary>
public sealed class The_denial_of_the_120_mm_claim_is_retracted : StateScenario
{
    private static readonly ClaimId Denial = Ids.Claim("leonardo-denial");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, Tulpar.LeonardoDenies(Denial.Value, Tulpar.Turret120Id), Tulpar.Retracted(Denial)];

    [Fact]
    public void Then_the_120_mm_claim_from_the_better_source_wins_again() =>
        Assert.Equal(Tulpar.Turret120Id, Attribute("turret_calibre").Best.Id);

    [Fact]
    public void Then_the_120_mm_claim_is_no_longer_denied() => Assert.False(Claim(Tulpar.Turret120Id).IsDenied);

    [Fact]
    public void Then_the_retracted_denial_stays_in_the_state_with_what_it_denied() =>
        (Claim(Denial).IsRetracted, Claim(Denial).Denies.Single()).ShouldBe((true, Tulpar.Turret120Id));
}
