namespace Registry.Domain.Tests.Retract;

public sealed class Retracting_an_unknown_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    protected override IProgramCommand When => new RetractClaim(Tulpar.Id, Tulpar.PlantAstanaId, "wrong programme", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_naming_the_claim() => ThenRejected(RejectionKind.FailedPrecondition, "has no claim 'tulpar-plant-astana' to retract");
}
