namespace Registry.Domain.Tests.Report;

public sealed class Reporting_a_localisation_rate_printed_as_an_at_sign : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [BesqaruPlant.Announced];

    protected override IProgramCommand When => new ReportClaim(BesqaruPlant.Id, BesqaruPlant.LocalisationUnreadableClaim);

    [Fact]
    public void Then_the_value_is_recorded_as_shown() => Then(new AttributeReported(
        BesqaruPlant.LocalisationUnreadableId, "localisation_rate",
        new ClaimValue.Unreadable("@", "The figure is printed as \"@\" where a percentage is expected."), null, Certainty.Reported,
        Sources.TurkishNews("fabrikadaki üretimin yerelleşme oranının şu an için @ seviyesinde olduğunu açıkladı."), null));

    [Fact]
    public void Then_it_is_never_turned_into_a_number()
    {
        var reported = Assert.IsType<AttributeReported>(Assert.Single(Decision.Events));
        var value = Assert.IsType<ClaimValue.Unreadable>(reported.Value);
        Assert.Equal("@", value.Shown);
    }
}
