namespace Registry.Domain.Tests.Deny;

public sealed class Denying_a_denial : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.LeonardoDenies("leonardo-denial", Tulpar.Turret120Id)];

    protected override IProgramCommand When => new DenyReport(
        Tulpar.Id, Ids.Claim("otokar-denies-denial"), [Ids.Claim("leonardo-denial")], "Otokar", "Leonardo's statement is mistaken.",
        Sources.CompanyStatement("Otokar", "mistaken"), null);

    [Fact]
    public void Then_it_is_rejected_asking_for_a_new_claim_instead() =>
        ThenRejected(RejectionKind.FailedPrecondition, "'leonardo-denial' is itself a denial");
}
