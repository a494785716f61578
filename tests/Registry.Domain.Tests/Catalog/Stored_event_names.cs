namespace Registry.Domain.Tests.Catalog;

public sealed class Stored_event_names
{
    public static TheoryData<Type, string> Events => new()
    {
        { typeof(ProgramAnnounced), "ProgramAnnounced.v1" },
        { typeof(AttributeReported), "AttributeReported.v1" },
        { typeof(OrganisationRoleReported), "OrganisationRoleReported.v1" },
        { typeof(ReportDenied), "ReportDenied.v1" },
        { typeof(ClaimRanked), "ClaimRanked.v1" },
        { typeof(ClaimRetracted), "ClaimRetracted.v1" },
        { typeof(ClaimSuperseded), "ClaimSuperseded.v1" },
    };

    private static readonly IProgramEvent[] Samples =
    [
        Tulpar.Announced, Tulpar.Turret120, Tulpar.TurretSupplier, Tulpar.LeonardoDenies("leonardo-denial", Tulpar.Turret120Id),
        Tulpar.Ranked(Tulpar.Turret105Id, Rank.Preferred), Tulpar.Retracted(Tulpar.Turret120Id), Tulpar.Superseded(Tulpar.Turret120Id, Tulpar.Turret105Id),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Are_explicit_and_versioned_not_clr_names(Type type, string storedName) =>
        Assert.Equal(storedName, EventCatalog.StoredName(Samples.Single(e => e.GetType() == type)));

    [Theory]
    [MemberData(nameof(Events))]
    public void Resolve_back_to_their_type(Type type, string storedName) =>
        Assert.Equal((type, (LifecycleStage?)null), EventCatalog.Resolve(storedName));

    [Fact]
    public void Are_unique() => Assert.Equal(EventCatalog.AllStoredNames.Count(), EventCatalog.AllStoredNames.Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Cover_every_event_type_of_the_domain() => Assert.Equal(
        typeof(IProgramEvent).Assembly.GetTypes().Where(t => typeof(IProgramEvent).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t != typeof(LifecycleReported))
            .Select(t => t.Name).Order(StringComparer.Ordinal),
        Events.Select(row => ((Type)row[0]).Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Number_the_seven_stages_and_seven_other_events() => Assert.Equal(14, EventCatalog.AllStoredNames.Count());

    [Theory]
    [InlineData("ProgramAnnounced")]
    [InlineData("ProgramAnnounced.v2")]
    [InlineData("Registry.Domain.Events.ProgramAnnounced")]
    [InlineData("programannounced.v1")]
    public void Do_not_resolve_unknown_names(string storedName) => Assert.Null(EventCatalog.Resolve(storedName));
}
