using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Client.Seeding;

/// <summary>A <c>registry-seed/1</c> file: sources with Admiralty grades, organisations, programmes with claims and denials.</summary>
public sealed record SeedFile(
    string Format,
    IReadOnlyList<SeedSource> Sources,
    IReadOnlyList<SeedOrganisation> Organisations,
    IReadOnlyList<SeedProgramme> Programmes)
{
    public const string SupportedFormat = "registry-seed/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static async Task<SeedFile> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync<SeedFile>(stream, Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (file.Format != SupportedFormat)
            throw new InvalidDataException($"{path} is '{file.Format}', not '{SupportedFormat}'.");
        return file;
    }
}

public sealed record SeedSource(
    string Id, string? Outlet, string? Url, string? Title, SeedDate? Published,
    string? Language, string? SourceType, string? Reliability, string? Credibility, string? Assessment);

public sealed record SeedOrganisation(string Id, string Name, IReadOnlyList<string>? Aliases, string? Country);

public sealed record SeedProgramme(
    string Id, string Name, string Kind, string Country,
    IReadOnlyList<SeedClaim> Claims, IReadOnlyList<SeedDenial>? Denials);

/// <summary>
/// One claim. <see cref="Claim"/> is a lifecycle event name (ProgramAnnounced, ProductionPlanned, ...),
/// "attribute" or "organisation_role". A lifecycle claim may carry a <see cref="Quantity"/> and/or an <see cref="Amount"/>.
/// </summary>
public sealed record SeedClaim(
    string Id, string Claim, string Source, string Quote, string? Certainty, string? Note,
    SeedDate? ValidTime, string? Attribute, SeedValue? Value, SeedValue? Quantity, SeedValue? Amount,
    string? Organisation, string? Role);

public sealed record SeedDenial(string Id, IReadOnlyList<string> Denies, string DeniedBy, string Statement, string Source, string Quote, string? Note);

/// <summary>A date no more precise than its source; <see cref="Year"/> null = not known.</summary>
public sealed record SeedDate(string? Text, int? Year, int? Month, int? Day, string? Precision, string? Part, string? RelativeTo);

/// <summary>A value by <see cref="Kind"/>: quantity, money, percentage, date, place, text or unreadable.</summary>
public sealed record SeedValue(
    string Kind, decimal? Amount, string? Unit, string? Currency, IReadOnlyList<SeedValue>? Converted,
    string? Text, string? Note, string? Name, string? Region, string? Country,
    int? Year, int? Month, int? Day, string? Precision, string? Part, string? RelativeTo);
