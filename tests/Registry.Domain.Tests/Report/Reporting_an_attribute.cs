namespace Registry.Domain.Tests.Report;

public sealed class Reporting_an_attribute : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.PlantAstanaClaim);

    [Fact]
    public void Then_the_attribute_is_reported_with_its_value_and_source() => Then(new AttributeReported(
        Tulpar.PlantAstanaId, "plant_location", new ClaimValue.Place("Astana", null, "KZ"), null, Certainty.Reported,
        Sources.DefenceBlog("following President Kassym-Jomart Tokayev's visit to defense manufacturing facilities in Astana"), null));
}
