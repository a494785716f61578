namespace Registry.Domain.Tests.Report;

public sealed class Reporting_a_claim_about_an_unknown_programme : Scenario
{
    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.Turret120Claim);

    [Fact]
    public void Then_it_is_rejected_as_not_found() => ThenRejected(RejectionKind.NotFound, "No programme 'kz-tulpar-light-tank'");
}
