using System.Globalization;
using Registry.V1;

namespace Registry.Client.Seeding;

/// <summary>Seed dates and values as the API's PartialDate and ClaimValue.</summary>
internal static class SeedValues
{
    public static PartialDate? Date(SeedDate? date) => date is null ? null : Date(date.Text, date.Year, date.Month, date.Day, date.Precision, date.Part, date.RelativeTo);

    public static PartialDate Date(string? text, int? year, int? month, int? day, string? precision, string? part, string? relativeTo) => new()
    {
        // A year the source leaves unresolved ("next year" in an undated text) is 0: unknown, never guessed.
        Year = year ?? 0,
        Month = month ?? 0,
        Day = day ?? 0,
        Precision = precision is null ? ImpliedPrecision(month, day) : SeedVocabulary.Precision(precision),
        Part = part ?? "",
        Text = text ?? "",
        RelativeToPublication = string.Equals(relativeTo, "publication", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>The value, or an error saying why it cannot be mapped.</summary>
    public static (ClaimValue? Value, string? Error) Value(SeedValue value) => value.Kind.ToLowerInvariant() switch
    {
        "quantity" => (new ClaimValue { Quantity = new Quantity { Amount = Decimal(value.Amount), Unit = Unit(value.Unit) } }, null),
        "money" => (new ClaimValue { Money = Money(value) }, null),
        "percentage" => (new ClaimValue { Percentage = Decimal(value.Amount) }, null),
        "date" => (new ClaimValue { Date = Date(value.Text, value.Year, value.Month, value.Day, value.Precision, value.Part, value.RelativeTo) }, null),
        "place" => (new ClaimValue { Place = new Place { Name = value.Name ?? value.Text ?? "", Region = value.Region ?? "", Country = value.Country ?? "" } }, null),
        "text" => (new ClaimValue { Text = value.Text ?? "" }, null),
        // What the source printed where the value should be ("@"), never replaced by a guess.
        "unreadable" => (new ClaimValue { Unreadable = new Unreadable { Shown = value.Text ?? "", Note = value.Note ?? "" } }, null),
        _ => (null, $"value kind '{value.Kind}' is not one of quantity, money, percentage, date, place, text, unreadable"),
    };

    /// <summary>The API's units are short (at most 40 characters); a longer wording is kept in the claim's note instead.</summary>
    public const int MaxUnitLength = 40;

    public static string Unit(string? unit) => unit is { Length: > MaxUnitLength } ? "items" : unit ?? "";

    /// <summary>A note for what a value loses on the way (a unit too long for the API), or null.</summary>
    public static string? Remark(SeedValue value) =>
        value.Unit is { Length: > MaxUnitLength } unit ? $"Seed: counted in '{unit}' (unit recorded as 'items')." : null;

    /// <summary>Invariant decimal text, as the API carries amounts ("13500000000", "26.5").</summary>
    public static string Decimal(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static Money Money(SeedValue value)
    {
        var money = new Money { Amount = Decimal(value.Amount), Currency = value.Currency ?? "" };
        foreach (var converted in value.Converted ?? [])
            money.Converted.Add(new Money { Amount = Decimal(converted.Amount), Currency = converted.Currency ?? "" });
        return money;
    }

    private static DatePrecision ImpliedPrecision(int? month, int? day) =>
        day is > 0 ? DatePrecision.Day : month is > 0 ? DatePrecision.Month : DatePrecision.Year;
}
