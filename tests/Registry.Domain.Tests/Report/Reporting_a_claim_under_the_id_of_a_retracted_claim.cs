namespace Registry.Domain.Tests.Report;

public sealed class Reporting_a_claim_under_the_id_of_a_retracted_claim : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Retracted(Tulpar.Turret120Id)];

    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.Turret120Claim);

    [Fact]
    public void Then_the_id_is_not_reused_and_it_is_rejected_as_already_existing() =>
        ThenRejected(RejectionKind.AlreadyExists, "already has a claim 'tulpar-turret-120'");
}
