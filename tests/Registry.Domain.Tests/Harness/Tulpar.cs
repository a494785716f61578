namespace Registry.Domain.Tests.Harness;

/// <summary>kz-tulpar-light-tank: a light tank on Otokar's Tulpar platform, with the 120 mm / 105 mm turret conflict.</summary>
public static class Tulpar
{
    public static readonly ProgramId Id = ProgramId.Parse("kz-tulpar-light-tank");

    public static readonly ClaimId AnnouncedId = Ids.Claim("tulpar-announced");
    public static readonly ClaimId Turret120Id = Ids.Claim("tulpar-turret-120");
    public static readonly ClaimId Turret105Id = Ids.Claim("tulpar-turret-105");
    public static readonly ClaimId PlantAstanaId = Ids.Claim("tulpar-plant-astana");
    public static readonly ClaimId ProductionPlannedId = Ids.Claim("tulpar-production-planned-src001");
    public static readonly ClaimId TurretSupplierId = Ids.Claim("tulpar-turret-supplier");
    public static readonly ClaimId PlatformOtokarId = Ids.Claim("tulpar-platform-otokar-src000");

    public const string Operator = "operator:a.sadykova";

    public static ProgramAnnounced Announced => new(
        AnnouncedId, "Tulpar-based light tank", ProgramKind.LightTank, "KZ", null, Certainty.Reported,
        Sources.DefenceBlog("Kazakhstan has revealed plans to launch domestic production of a light tank based on Otokar's Tulpar infantry fighting vehicle platform"),
        "Revealed following President Tokayev's visit to defence manufacturing facilities in Astana.");

    public static AnnounceProgram Announce => new(
        Id, AnnouncedId, Announced.Name, Announced.Kind, Announced.Country, Announced.ValidTime, Announced.Certainty, Announced.Provenance, Announced.Note);

    public static ReportedClaim.AttributeValue Turret120Claim => new(
        Turret120Id, "turret_calibre", new ClaimValue.Quantity(120, "mm"), null, Certainty.Reported,
        Sources.DefenceBlog("Leonardo 120mm HITFACT MkII turret"), null);

    public static ReportedClaim.AttributeValue Turret105Claim => new(
        Turret105Id, "turret_calibre", new ClaimValue.Quantity(105, "mm"), null, Certainty.Reported,
        Sources.TurkishNews("İtalyan Leonardo firmasının 105 mm'lik HITFACT MkII kulesiyle donatılmış"), null);

    public static ReportedClaim.AttributeValue PlantAstanaClaim => new(
        PlantAstanaId, "plant_location", new ClaimValue.Place("Astana", null, "KZ"), null, Certainty.Reported,
        Sources.DefenceBlog("following President Kassym-Jomart Tokayev's visit to defense manufacturing facilities in Astana"), null);

    public static ReportedClaim.Lifecycle ProductionPlannedClaim => new(
        ProductionPlannedId, LifecycleStage.ProductionPlanned, null, null, Certainty.Planned,
        Sources.TurkishNews("yeni bir hafif tankın seri üretimine başlamayı planlıyor"), "Serial production is planned; no date is given for the tank.");

    public static ReportedClaim.OrganisationRole TurretSupplierClaim => new(
        TurretSupplierId, "Leonardo", [], "IT", OrganisationRole.TurretSupplier, Certainty.Reported,
        Sources.DefenceBlog("fitted with an Italian-made Leonardo 120mm HITFACT MkII turret"), null);

    public static ReportedClaim.OrganisationRole PlatformOtokarClaim => new(
        PlatformOtokarId, "Otokar", ["Otocar"], "TR", OrganisationRole.PlatformProvider, Certainty.Reported,
        Sources.DefenceBlog("a light tank based on Otokar's Tulpar infantry fighting vehicle platform"), null);

    public static AttributeReported Turret120 => (AttributeReported)Turret120Claim.ToEvent();
    public static AttributeReported Turret105 => (AttributeReported)Turret105Claim.ToEvent();
    public static AttributeReported PlantAstana => (AttributeReported)PlantAstanaClaim.ToEvent();
    public static LifecycleReported ProductionPlanned => (LifecycleReported)ProductionPlannedClaim.ToEvent();
    public static OrganisationRoleReported TurretSupplier => (OrganisationRoleReported)TurretSupplierClaim.ToEvent();
    public static OrganisationRoleReported PlatformOtokar => (OrganisationRoleReported)PlatformOtokarClaim.ToEvent();

    /// <summary>A lifecycle claim at any stage, from the Defence Blog report.</summary>
    public static LifecycleReported Stage(string id, LifecycleStage stage, PartialDate? validTime = null) => new(
        Ids.Claim(id), stage, validTime, null, Certainty.Reported, Sources.DefenceBlog("production of the light tank variant"), null);

    /// <summary>Leonardo denies (invented for the scenarios) that the turret is the 120 mm one.</summary>
    public static ReportDenied LeonardoDenies(string id, params ClaimId[] denied) => new(
        Ids.Claim(id), denied, "Leonardo", "The HITFACT MkII offered for this vehicle is not the 120 mm version.",
        Sources.CompanyStatement("Leonardo", "not the 120 mm version"), null);

    public static DenyReport LeonardoDeniesCommand(string id, params ClaimId[] denied)
    {
        var e = LeonardoDenies(id, denied);
        return new DenyReport(Id, e.ClaimId, denied, e.DeniedBy, e.Statement, e.Provenance, e.Note);
    }

    public static ClaimRanked Ranked(ClaimId id, Rank rank) => new(id, rank, "checked against the manufacturer's brochure", Operator);

    public static ClaimRetracted Retracted(ClaimId id) => new(id, "entered against the wrong programme", Operator);

    public static ClaimSuperseded Superseded(ClaimId id, ClaimId replacement) => new(id, replacement, "quote misread", Operator);
}

/// <summary>kz-besqaru-plant: the plant whose localisation rate the Turkish source prints as "@".</summary>
public static class BesqaruPlant
{
    public static readonly ProgramId Id = ProgramId.Parse("kz-besqaru-plant");
    public static readonly ClaimId LocalisationUnreadableId = Ids.Claim("besqaru-localisation-rate");

    public static ProgramAnnounced Announced => new(
        Ids.Claim("besqaru-plant-announced"), "Besqaru armoured vehicle plant", ProgramKind.VehiclePlant, "KZ",
        PartialDate.OfMonth(2025, 2, "Şubat 2025"), Certainty.Confirmed,
        Sources.TurkishNews("Şubat 2025'te açılan ... \"Besqaru Kazakhstan Manufacturing\" tesisinde"), null);

    public static ClaimValue.Unreadable Shown => new("@", "The figure is printed as \"@\" where a percentage is expected.");

    public static ReportedClaim.AttributeValue LocalisationUnreadableClaim => new(
        LocalisationUnreadableId, "localisation_rate", Shown, null, Certainty.Reported,
        Sources.TurkishNews("fabrikadaki üretimin yerelleşme oranının şu an için @ seviyesinde olduğunu açıkladı."), null);

    public static AttributeReported LocalisationUnreadable => (AttributeReported)LocalisationUnreadableClaim.ToEvent();

    /// <summary>A readable rate (invented for the scenarios), from a worse-graded source than the unreadable one.</summary>
    public static AttributeReported Localisation(string id, decimal percent, char reliability = 'F', int credibility = 5) => new(
        Ids.Claim(id), "localisation_rate", new ClaimValue.Percentage(percent), null, Certainty.Reported,
        Sources.TurkishNews("yerelleşme oranı") with { Reliability = reliability, Credibility = credibility }, null);
}
