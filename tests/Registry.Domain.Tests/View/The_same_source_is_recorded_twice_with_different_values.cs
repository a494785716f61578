namespace Registry.Domain.Tests.View;

public sealed class The_same_source_is_recorded_twice_with_different_values : StateScenario
{
    private static readonly ClaimId Second = Ids.Claim("tulpar-turret-120-second-reading");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret120 with { ClaimId = Second, Value = new ClaimValue.Quantity(105, "mm") }];

    [Fact]
    public void Then_the_claim_recorded_later_wins_the_tie() => Assert.Equal(Second, Attribute("turret_calibre").Best.Id);
}
