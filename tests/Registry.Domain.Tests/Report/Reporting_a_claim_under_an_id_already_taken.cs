namespace Registry.Domain.Tests.Report;

public sealed class Reporting_a_claim_under_an_id_already_taken : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    // Same id, different value: the id decides, not the content.
    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.Turret105Claim with { Id = Tulpar.Turret120Id });

    [Fact]
    public void Then_it_is_rejected_as_already_existing() =>
        ThenRejected(RejectionKind.AlreadyExists, "already has a claim 'tulpar-turret-120'");
}
