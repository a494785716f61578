using System.Globalization;
using Registry.V1;

namespace Registry.Cli.Rendering;

/// <summary>Claims, values and dates in one line of text each.</summary>
public static class Formats
{
    public static string Value(ClaimValue? value) => value?.KindCase switch
    {
        null or ClaimValue.KindOneofCase.None => "",
        ClaimValue.KindOneofCase.Quantity => $"{value.Quantity.Amount} {value.Quantity.Unit}",
        ClaimValue.KindOneofCase.Money => Money(value.Money),
        ClaimValue.KindOneofCase.Percentage => $"{value.Percentage} %",
        ClaimValue.KindOneofCase.Date => Date(value.Date),
        ClaimValue.KindOneofCase.Place => string.Join(", ", new[] { value.Place.Name, value.Place.Region, value.Place.Country }.Where(p => p.Length > 0)),
        ClaimValue.KindOneofCase.Text => value.Text,
        ClaimValue.KindOneofCase.Unreadable => $"unreadable (shown as '{value.Unreadable.Shown}')",
        _ => value.ToString(),
    };

    public static string Date(PartialDate? date)
    {
        if (date is null)
            return "";
        var when = date.Year == 0 ? "year unknown"
            : date.Precision switch
            {
                DatePrecision.Day => $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}",
                DatePrecision.Month => $"{date.Year:D4}-{date.Month:D2}",
                _ => date.Year.ToString(CultureInfo.InvariantCulture),
            };
        if (date.Part.Length > 0)
            when += $" ({date.Part})";
        return date.Text.Length > 0 && date.Text != when ? $"{when} \"{date.Text}\"" : when;
    }

    /// <summary>Outlet and Admiralty grade, e.g. "Defence Blog B2".</summary>
    public static string Source(Provenance? provenance) =>
        provenance is null ? "" : $"{provenance.Outlet} {provenance.Reliability}{provenance.Credibility}";

    /// <summary>What happened to a claim since it was reported: denied, retracted, superseded, re-ranked.</summary>
    public static string Marks(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var marks = new List<string>();
        if (claim.DeniedIn.Count > 0)
            marks.Add($"DENIED ({string.Join(", ", claim.DeniedIn)})");
        if (claim.Retraction is not null)
            marks.Add($"RETRACTED by {claim.Retraction.Operator}: {claim.Retraction.Reason}");
        if (claim.SupersededBy.Length > 0)
            marks.Add($"SUPERSEDED by {claim.SupersededBy}");
        if (claim.Rank is Rank.Preferred or Rank.Deprecated)
            marks.Add(claim.Rank == Rank.Preferred ? "PREFERRED" : "DEPRECATED");
        return string.Join("; ", marks);
    }

    public static string Position(LogPosition? position) => position is null ? "" : position.Commit.ToString(CultureInfo.InvariantCulture);

    private static string Money(Money money)
    {
        var text = $"{money.Amount} {money.Currency}";
        return money.Converted.Count == 0 ? text : $"{text} (= {string.Join(", ", money.Converted.Select(c => $"{c.Amount} {c.Currency}"))})";
    }
}
