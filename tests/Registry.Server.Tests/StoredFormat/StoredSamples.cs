using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;

namespace Registry.Server.Tests.StoredFormat;

/// <summary>
/// One programme's history using every stored event type, every claim value kind and every optional field
/// both set and absent, with text that JSON must escape (Kazakh, quotes, markup).
/// </summary>
internal static class StoredSamples
{
    public static readonly ProgramId Program = ProgramId.Parse("kz-tulpar-light-tank");

    private static readonly Provenance Full = new("Kazinform", "https://kazinform.example/a?b=1&c=\"2\"", "«Тұлпар» — Kazakh <light> tank",
        new PartialDate(2024, 5, 14, DatePrecision.Day, "start", "14 May 2024", false), "kk", SourceType.Official, 'B', 2,
        "Қазақстан will build the tank's 120 mm turret\nin Astana.");

    private static readonly Provenance Bare = new("Forum", null, null, null, "en", SourceType.News, 'F', 6, "It's 105 mm.");

    private static ClaimId Id(string id) => ClaimId.Parse(id);

    public static IReadOnlyList<IProgramEvent> Events { get; } =
    [
        new ProgramAnnounced(Id("announced"), "Tulpar light tank", ProgramKind.LightTank, "KZ", PartialDate.OfYear(2024, "next year"),
            Certainty.Reported, Full, "First report."),
        new ProgramAnnounced(Id("announced-bare"), "Bare", ProgramKind.Other, "KZ", null, Certainty.Planned, Bare, null),
        new LifecycleReported(Id("planned"), LifecycleStage.ProductionPlanned, new PartialDate(null, null, null, DatePrecision.Half, "second_half", "later", true),
            null, Certainty.Planned, Bare, null),
        new LifecycleReported(Id("funded"), LifecycleStage.FundingAllocated, PartialDate.OfMonth(2025, 2),
            new ClaimValue.Money(13.50m, "KZT", [new ClaimValue.Money(28.1m, "USD", [new ClaimValue.Money(26m, "EUR", [])])]),
            Certainty.Confirmed, Full, "Two conversions."),
        new LifecycleReported(Id("cancelled"), LifecycleStage.Cancelled, PartialDate.OfDay(2027, 12, 31), null, Certainty.Estimated, Full, null),
        new AttributeReported(Id("calibre-120"), "turret_calibre", new ClaimValue.Quantity(120m, "mm"), null, Certainty.Reported, Full, null),
        new AttributeReported(Id("calibre-105"), "turret_calibre", new ClaimValue.Quantity(105.0m, "mm"), PartialDate.OfYear(2026), Certainty.Reported, Bare, "Forum post."),
        new AttributeReported(Id("localisation"), "localisation_rate", new ClaimValue.Percentage(0.5m), null, Certainty.Planned, Full, null),
        new AttributeReported(Id("first-delivery"), "first_delivery", new ClaimValue.DateValue(PartialDate.OfMonth(2026, 3, "March 2026")), null, Certainty.Planned, Full, null),
        new AttributeReported(Id("plant"), "plant", new ClaimValue.Place("Astana", null, "KZ"), null, Certainty.Reported, Full, null),
        new AttributeReported(Id("plant-2"), "plant", new ClaimValue.Place("Қарағанды", "Karaganda region", null), null, Certainty.Reported, Full, null),
        new AttributeReported(Id("engine"), "engine", new ClaimValue.Text("licensed \"V-8\" diesel"), null, Certainty.Reported, Full, null),
        new AttributeReported(Id("weight"), "weight", new ClaimValue.Unreadable("@", "smudged"), null, Certainty.Estimated, Bare, null),
        new OrganisationRoleReported(Id("maker"), "Otokar", ["Otokar Otomotiv", "OTKR"], "TR", OrganisationRole.PlatformLicensor, Certainty.Confirmed, Full, null),
        new OrganisationRoleReported(Id("integrator"), "Paramount", [], null, OrganisationRole.Integrator, Certainty.Reported, Bare, "No country given."),
        new ReportDenied(Id("denial"), [Id("calibre-105"), Id("weight")], "KPE", "No 105 mm gun.", Full, null),
        new ClaimRanked(Id("calibre-120"), Rank.Preferred, "Official source", "operator@registry"),
        new ClaimRetracted(Id("denial"), "Entered in error", "operator@registry"),
        new ClaimSuperseded(Id("plant"), Id("plant-2"), "Wrong city", "operator@registry"),
    ];

    /// <summary>The events one programme's stream can hold in turn: all but the second announcement.</summary>
    public static IReadOnlyList<IProgramEvent> History { get; } = [.. Events.Where(e => e is not ProgramAnnounced { ClaimId.Value: "announced-bare" })];

    public static ProgramState State { get; } = History
        .Select((e, revision) => (e, revision))
        .Aggregate((ProgramState?)null, (state, x) => ProgramState.Evolve(state, Program, x.e, x.revision, DateTimeOffset.UnixEpoch.AddDays(20_000 + x.revision)))!;
}
