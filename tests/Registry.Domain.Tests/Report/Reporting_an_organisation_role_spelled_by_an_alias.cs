namespace Registry.Domain.Tests.Report;

public sealed class Reporting_an_organisation_role_spelled_by_an_alias : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    protected override IProgramCommand When => new ReportClaim(Tulpar.Id, Tulpar.PlatformOtokarClaim);

    [Fact]
    public void Then_the_role_is_reported_with_the_organisation_and_its_aliases() => Then(new OrganisationRoleReported(
        Tulpar.PlatformOtokarId, "Otokar", ["Otocar"], "TR", OrganisationRole.PlatformProvider, Certainty.Reported,
        Sources.DefenceBlog("a light tank based on Otokar's Tulpar infantry fighting vehicle platform"), null));
}
