namespace Registry.Domain.Tests.Retract;

public sealed class Retracting_a_claim_entered_in_error : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.PlantAstana];

    protected override IProgramCommand When => new RetractClaim(Tulpar.Id, Tulpar.PlantAstanaId, "entered against the wrong programme", Tulpar.Operator);

    [Fact]
    public void Then_the_claim_is_retracted_with_the_operator_and_reason() => Then(Tulpar.Retracted(Tulpar.PlantAstanaId));
}
