namespace Registry.Domain.Claims;

public enum SourceType
{
    News,
    Official,
    Analysis,
}

/// <summary>
/// Where a claim comes from: the source document (outlet, URL, title, publication time, language, type),
/// its Admiralty grading (source reliability A-F, information credibility 1-6) and the quoted passage.
/// </summary>
public sealed record Provenance(
    string Outlet,
    string? Url,
    string? Title,
    PartialDate? Published,
    string Language,
    SourceType SourceType,
    char Reliability,
    int Credibility,
    string Quote)
{
    /// <summary>Lower is better: A1 = 0, F6 = 35. F and 6 mean "cannot be judged", ranked last.</summary>
    public int AdmiraltyRank => ((Reliability - 'A') * 6) + (Credibility - 1);

    public string Grade => $"{Reliability}{Credibility}";
}
