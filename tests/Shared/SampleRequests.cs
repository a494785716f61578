using System.Globalization;
using Registry.V1;

namespace Registry.Samples;

/// <summary>
/// Valid commands, as a client of the registry would send them: what the benchmarks and the crash and bus tests
/// send in bulk. A few attributes and outlets, so that programmes carry conflicting values.
/// </summary>
internal static class SampleRequests
{
    public static AnnounceProgramRequest Announce(string programId) => new()
    {
        CommandId = $"announce-{programId}",
        ProgramId = programId,
        ClaimId = "announced",
        Name = $"Sample programme {programId}",
        Kind = ProgramKind.ArmouredVehicle8X8,
        Country = "KZ",
        Certainty = Certainty.Reported,
        ValidTime = new PartialDate { Year = 2025, Precision = DatePrecision.Year },
        Provenance = Source("Defence Daily", 1),
    };

    public static ReportClaimRequest Attribute(string programId, string claimId, string commandId, int n) => new()
    {
        CommandId = commandId,
        ProgramId = programId,
        Attribute = new AttributeClaim
        {
            ClaimId = claimId,
            Attribute = (n % 3) switch { 0 => "planned_quantity", 1 => "turret_calibre", _ => "localisation_rate" },
            Value = new ClaimValue { Quantity = new Quantity { Amount = (100 + n % 7).ToString(CultureInfo.InvariantCulture), Unit = "pcs" } },
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
