namespace Registry.Domain.Tests.Report;

public sealed class Reporting_a_calibre_that_contradicts_an_earlier_one : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.Turret105Claim);

    [Fact]
    public void Then_the_105_mm_claim_is_recorded_beside_the_120_mm_one() => Then(new AttributeReported(
        Tulpar.Turret105Id, "turret_calibre", new ClaimValue.Quantity(105, "mm"), null, Certainty.Reported,
        Sources.TurkishNews("İtalyan Leonardo firmasının 105 mm'lik HITFACT MkII kulesiyle donatılmış"), null));
}
