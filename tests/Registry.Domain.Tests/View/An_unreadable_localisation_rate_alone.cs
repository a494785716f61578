namespace Registry.Domain.Tests.View;

public sealed class An_unreadable_localisation_rate_alone : StateScenario
{
    protected override ProgramId Program => BesqaruPlant.Id;

    protected override IEnumerable<IProgramEvent> Given => [BesqaruPlant.Announced, BesqaruPlant.LocalisationUnreadable];

    [Fact]
    public void Then_it_is_shown_as_the_best_value_as_printed() =>
        Assert.Equal(BesqaruPlant.Shown, Attribute("localisation_rate").Best.Value);

    [Fact]
    public void Then_it_is_not_a_conflict() => Assert.False(Attribute("localisation_rate").InConflict);
}
