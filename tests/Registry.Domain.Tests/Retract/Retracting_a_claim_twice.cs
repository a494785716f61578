namespace Registry.Domain.Tests.Retract;

public sealed class Retracting_a_claim_twice : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.PlantAstana, Tulpar.Retracted(Tulpar.PlantAstanaId)];

    protected override IProgramCommand When => new RetractClaim(Tulpar.Id, Tulpar.PlantAstanaId, "entered against the wrong programme", Tulpar.Operator);

    [Fact]
    public void Then_the_second_retraction_is_rejected() =>
        ThenRejected(RejectionKind.FailedPrecondition, "Claim 'tulpar-plant-astana' was retracted; it cannot be retracted");
}
