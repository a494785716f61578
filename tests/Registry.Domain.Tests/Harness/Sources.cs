namespace Registry.Domain.Tests.Harness;

/// <summary>The sources of the seed documents (data/seed/registry-seed.json), as provenance with a quote.</summary>
public static class Sources
{
    /// <summary>src-000: Defence Blog, undated, graded B2.</summary>
    public static Provenance DefenceBlog(string quote) =>
        new("Defence Blog", null, null, null, "en", SourceType.News, 'B', 2, quote);

    /// <summary>src-001: Turkish news item, outlet not named, 7 January 2026, graded F3.</summary>
    public static Provenance TurkishNews(string quote) =>
        new("unnamed Turkish outlet", null, "Çin ve Rusya'ya büyük şok: Türkiye'den yardım alıp tank ve İHA üretecekler",
            PartialDate.OfDay(2026, 1, 7), "tr", SourceType.News, 'F', 3, quote);

    /// <summary>src-002: English summary of a Kazakh Defence Ministry half-year report, undated, graded F3.</summary>
    public static Provenance MinistryReportSummary(string quote) =>
        new("unnamed news summary", null, "Kazakh Defense Ministry Plans Major Weaponry Upgrades Including Drones and Armored Vehicles for 2024",
            null, "en", SourceType.News, 'F', 3, quote);

    /// <summary>A statement issued by a company itself, graded A1 (invented for denial scenarios; not in the seed).</summary>
    public static Provenance CompanyStatement(string outlet, string quote) =>
        new(outlet, "https://example.org/press", "Press statement", PartialDate.OfDay(2026, 1, 20), "en", SourceType.Official, 'A', 1, quote);
}

public static class Ids
{
    public static ClaimId Claim(string value) => ClaimId.Parse(value);
}
