namespace Registry.Domain.Tests.Deny;

public sealed class Denying_a_claim_on_an_unknown_programme : Scenario
{
    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand("leonardo-denial", Tulpar.Turret120Id);

    [Fact]
    public void Then_it_is_rejected_as_not_found() => ThenRejected(RejectionKind.NotFound, "No programme 'kz-tulpar-light-tank'");
}
