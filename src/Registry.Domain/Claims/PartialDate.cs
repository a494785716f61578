namespace Registry.Domain.Claims;

public enum DatePrecision
{
    Year,
    Half,
    Quarter,
    Month,
    Day,
}

/// <summary>
/// A date as precise as the source says and no more: "2026", "February 2025", "end of 2024", "next year"
/// (resolved against the publication date when known, the words kept either way). Year may be unknown when a
/// relative date cannot be resolved. Part narrows within the precision: start, end, first_half, ...
/// </summary>
public sealed record PartialDate(int? Year, int? Month, int? Day, DatePrecision Precision, string? Part, string? Text, bool RelativeToPublication)
{
    public static PartialDate OfYear(int year, string? text = null) => new(year, null, null, DatePrecision.Year, null, text, false);

    public static PartialDate OfMonth(int year, int month, string? text = null) => new(year, month, null, DatePrecision.Month, null, text, false);

    public static PartialDate OfDay(int year, int month, int day, string? text = null) => new(year, month, day, DatePrecision.Day, null, text, false);

    /// <summary>The earliest moment it can mean, to order dates of different precision; null when the year is unknown.</summary>
    public DateOnly? Earliest => Year is { } year ? new DateOnly(year, Month ?? 1, Day ?? 1) : null;

    public override string ToString()
    {
        var date = Year is null ? "unknown year" : Precision switch
        {
            DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
            DatePrecision.Month => $"{Year:D4}-{Month:D2}",
            _ => $"{Year:D4}",
        };
        var part = Part is null ? string.Empty : $" ({Part})";
        return Text is null ? date + part : $"{date}{part} \"{Text}\"";
    }
}
