namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_an_attribute_with_a_corrected_value : Scenario
{
    private static readonly ReportedClaim.AttributeValue Karaganda = new(
        Ids.Claim("tulpar-plant-karaganda"), "plant_location", new ClaimValue.Place("Karaganda Region", null, "KZ"), null, Certainty.Planned,
        Sources.TurkishNews("Karagandı eyaletindeki \"Besqaru Kazakhstan Manufacturing\" tesisinde kurulacak."), null);

    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.PlantAstana];

    protected override IProgramCommand When => new SupersedeClaim(Tulpar.Id, Tulpar.PlantAstanaId, Karaganda, "quote misread", Tulpar.Operator);

    [Fact]
    public void Then_the_replacement_is_reported_and_then_the_old_claim_is_marked_superseded() => Then(
        new AttributeReported(
            Ids.Claim("tulpar-plant-karaganda"), "plant_location", new ClaimValue.Place("Karaganda Region", null, "KZ"), null, Certainty.Planned,
            Sources.TurkishNews("Karagandı eyaletindeki \"Besqaru Kazakhstan Manufacturing\" tesisinde kurulacak."), null),
        new ClaimSuperseded(Tulpar.PlantAstanaId, Ids.Claim("tulpar-plant-karaganda"), "quote misread", Tulpar.Operator));
}
