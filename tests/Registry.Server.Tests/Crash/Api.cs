using Registry.V1;

namespace Registry.Server.Tests.Crash;

/// <summary>Requests the crash test sends (the methods themselves are Registry.Client's RegistryMethods).</summary>
internal static class Api
{
    public static AnnounceProgramRequest Announce(string programId) => new()
    {
        CommandId = $"announce-{programId}",
        ProgramId = programId,
        ClaimId = "announced",
        Name = $"Crash test programme {programId}",
        Kind = ProgramKind.LightTank,
        Country = "KZ",
        Certainty = Certainty.Reported,
        ValidTime = new PartialDate { Year = 2025, Precision = DatePrecision.Year },
        Provenance = Source("Defence Daily", 1),
    };

    /// <summary>An attribute claim; a few attributes and outlets, so that programmes carry conflicting values.</summary>
    public static ReportClaimRequest Attribute(string programId, string claimId, string commandId, int n) => new()
    {
        CommandId = commandId,
        ProgramId = programId,
        Attribute = new AttributeClaim
        {
            ClaimId = claimId,
            Attribute = (n % 3) switch { 0 => "planned_quantity", 1 => "turret_calibre", _ => "localisation_rate" },
            Value = new ClaimValue { Quantity = new Quantity { Amount = (100 + n % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), Unit = "pcs" } },
            Certainty = n % 2 == 0 ? Certainty.Reported : Certainty.Planned,
            Provenance = Source(n % 2 == 0 ? "Defence Daily" : "Army Recognition", 1 + n % 6),
        },
    };

    private static Provenance Source(string outlet, int credibility) => new()
    {
        Outlet = outlet,
        Url = "https://example.org/news/1",
        Title = "Programme news",
        Published = new PartialDate { Year = 2025, Month = 3, Precision = DatePrecision.Month },
        Language = "en",
        SourceType = SourceType.News,
        Reliability = "B",
        Credibility = credibility,
        Quote = "The plant will assemble the vehicles from next year.",
    };
}
