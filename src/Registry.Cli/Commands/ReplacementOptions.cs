using System.CommandLine;
using System.Globalization;
using Registry.Cli.Rendering;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary>The corrected attribute claim of <c>correct supersede</c>: its value and the provenance it rests on.</summary>
internal sealed class ReplacementOptions
{
    private readonly Option<string?> _claimId = new("--new-claim-id") { Description = "Id of the corrected claim (default <claim-id>-corrected)" };
    private readonly Option<string> _attribute = new("--attribute") { Description = "snake_case attribute, e.g. turret_calibre", Required = true };
    private readonly Option<string> _value = new("--value") { Description = "The value: a number with --unit or --currency, a percentage with --percentage, else text", Required = true };
    private readonly Option<string?> _unit = new("--unit") { Description = "Makes the value a quantity, e.g. mm" };
    private readonly Option<string?> _currency = new("--currency") { Description = "Makes the value money, ISO 4217, e.g. KZT" };
    private readonly Option<bool> _percentage = new("--percentage") { Description = "The value is a percentage" };
    private readonly Option<string> _certainty = new("--certainty") { Description = "reported, planned, confirmed or estimated", DefaultValueFactory = _ => "reported" };
    private readonly Option<string?> _note = new("--note");
    private readonly Option<string> _outlet = new("--outlet") { Required = true, Description = "Source outlet" };
    private readonly Option<string?> _url = new("--url");
    private readonly Option<string?> _title = new("--title");
    private readonly Option<string?> _published = new("--published") { Description = "Publication date: YYYY, YYYY-MM or YYYY-MM-DD" };
    private readonly Option<string> _language = new("--language") { DefaultValueFactory = _ => "en", Description = "BCP 47 tag of the source" };
    private readonly Option<string> _sourceType = new("--source-type") { DefaultValueFactory = _ => "news", Description = "news, official or analysis" };
    private readonly Option<string> _reliability = new("--reliability") { Required = true, Description = "Admiralty source grade A-F" };
    private readonly Option<int> _credibility = new("--credibility") { Required = true, Description = "Admiralty information credibility 1-6" };
    private readonly Option<string> _quote = new("--quote") { Required = true, Description = "The passage the corrected claim rests on, verbatim" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _claimId, _attribute, _value, _unit, _currency, _percentage, _certainty, _note, _outlet, _url, _title, _published, _language, _sourceType, _reliability, _credibility, _quote })
            command.Options.Add(option);
    }

    public AttributeClaim Read(ParseResult parse, string correctedClaimId) => new()
    {
        ClaimId = parse.GetValue(_claimId) is { Length: > 0 } id ? id : $"{correctedClaimId}-corrected",
        Attribute = parse.GetValue(_attribute)!,
        Value = Value(parse),
        Certainty = Names.Parse<Certainty>(parse.GetValue(_certainty)!, "--certainty"),
        Note = parse.GetValue(_note) ?? "",
        Provenance = new Provenance
        {
            Outlet = parse.GetValue(_outlet)!,
            Url = parse.GetValue(_url) ?? "",
            Title = parse.GetValue(_title) ?? "",
            Published = Date(parse.GetValue(_published)),
            Language = parse.GetValue(_language)!,
            SourceType = Names.Parse<SourceType>(parse.GetValue(_sourceType)!, "--source-type"),
            Reliability = parse.GetValue(_reliability)!.ToUpperInvariant(),
            Credibility = parse.GetValue(_credibility),
            Quote = parse.GetValue(_quote)!,
        },
    };

    private ClaimValue Value(ParseResult parse)
    {
        var value = parse.GetValue(_value)!;
        if (parse.GetValue(_unit) is { Length: > 0 } unit)
            return new ClaimValue { Quantity = new Quantity { Amount = value, Unit = unit } };
        if (parse.GetValue(_currency) is { Length: > 0 } currency)
            return new ClaimValue { Money = new Money { Amount = value, Currency = currency.ToUpperInvariant() } };
        return parse.GetValue(_percentage) ? new ClaimValue { Percentage = value } : new ClaimValue { Text = value };
    }

    private static PartialDate? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Split('-');
        if (parts.Length > 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new UsageException($"--published '{text}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new PartialDate
        {
            Year = numbers[0],
            Month = numbers.Length > 1 ? numbers[1] : 0,
            Day = numbers.Length > 2 ? numbers[2] : 0,
            Precision = numbers.Length switch { 1 => DatePrecision.Year, 2 => DatePrecision.Month, _ => DatePrecision.Day },
            Text = text,
        };
    }
}
