namespace Registry.Domain.Tests.Retract;

public sealed class Retracting_a_claim_on_an_unknown_programme : Scenario
{
    protected override IProgramCommand When => new RetractClaim(Tulpar.Id, Tulpar.PlantAstanaId, "wrong programme", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_as_not_found() => ThenRejected(RejectionKind.NotFound, "No programme 'kz-tulpar-light-tank'");
}
