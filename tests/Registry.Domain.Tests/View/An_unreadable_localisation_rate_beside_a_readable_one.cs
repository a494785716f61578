namespace Registry.Domain.Tests.View;

public sealed class An_unreadable_localisation_rate_beside_a_readable_one : StateScenario
{
    private static readonly ClaimId Readable = Ids.Claim("besqaru-localisation-rate-f5");

    protected override ProgramId Program => BesqaruPlant.Id;

    // The readable figure comes from a worse-graded source (F5) than the unreadable one (F3).
    protected override IEnumerable<IProgramEvent> Given =>
        [BesqaruPlant.Announced, BesqaruPlant.LocalisationUnreadable, BesqaruPlant.Localisation(Readable.Value, 30)];

    [Fact]
    public void Then_the_readable_value_is_shown_even_from_a_worse_source() =>
        Assert.Equal(new ClaimValue.Percentage(30), Attribute("localisation_rate").Best.Value);

    [Fact]
    public void Then_the_unreadable_one_does_not_count_as_a_conflict() => Assert.False(Attribute("localisation_rate").InConflict);

    [Fact]
    public void Then_both_are_still_listed_in_rank_order() => Assert.Equal(
        [BesqaruPlant.LocalisationUnreadableId, Readable], Attribute("localisation_rate").Competing.Select(c => c.Id));
}
