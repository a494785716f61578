namespace Registry.Domain.Tests.View;

public sealed class Organisations_are_reported_and_one_is_retracted : StateScenario
{
    private static readonly ClaimId BesqaruF3 = Ids.Claim("tulpar-manufacturer-besqaru-src001");
    private static readonly ClaimId WrongSupplier = Ids.Claim("tulpar-supplier-norinco");

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced,
        new OrganisationRoleReported(BesqaruF3, "Besqaru", ["Besqaru Kazakhstan Manufacturing"], "KZ", OrganisationRole.Manufacturer, Certainty.Planned,
            Sources.TurkishNews("Karagandı eyaletindeki \"Besqaru Kazakhstan Manufacturing\" tesisinde kurulacak"), null),
        Tulpar.PlatformOtokar,
        new OrganisationRoleReported(WrongSupplier, "Norinco", [], "CN", OrganisationRole.Supplier, Certainty.Reported, Sources.DefenceBlog("Norinco"), null),
        Tulpar.Retracted(WrongSupplier),
    ];

    [Fact]
    public void Then_active_roles_are_listed_best_source_first_with_their_aliases() => Assert.Collection(
        ProgramView.Organisations(State),
        o => (o.Organisation, o.Role, string.Join("|", o.Aliases)).ShouldBe(("Otokar", OrganisationRole.PlatformProvider, "Otocar")),
        o => (o.Organisation, o.Role, string.Join("|", o.Aliases)).ShouldBe(("Besqaru", OrganisationRole.Manufacturer, "Besqaru Kazakhstan Manufacturing")));
}
