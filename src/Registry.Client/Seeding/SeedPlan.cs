using System.Security.Cryptography;
using System.Text;
using Registry.V1;

namespace Registry.Client.Seeding;

/// <summary>
/// Turns a seed file into commands, in order: per programme its announcement, its other claims as they appear,
/// then its denials. Command ids are derived from programme and claim ids, so the same file always yields the same
/// commands and loading it again appends nothing.
/// </summary>
public sealed class SeedPlan
{
    private const string Announced = "ProgramAnnounced";
    private readonly Dictionary<string, SeedSource> _sources;
    private readonly Dictionary<string, SeedOrganisation> _organisations;

    private SeedPlan(SeedFile file)
    {
        _sources = file.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _organisations = file.Organisations.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    public List<SeedCommand> Commands { get; } = [];
    public List<SeedProblem> Problems { get; } = [];

    /// <summary>Programmes announced from their first claim's source because the file records no announcement.</summary>
    public List<string> AnnouncedFromFirstClaim { get; } = [];

    public static SeedPlan For(SeedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var plan = new SeedPlan(file);
        foreach (var programme in file.Programmes)
            plan.Add(programme);
        return plan;
    }

    /// <summary>"seed:&lt;programme&gt;:&lt;claim&gt;", hashed when longer than the API's 100 characters.</summary>
    public static string CommandId(string programId, string claimId)
    {
        var id = $"seed:{programId}:{claimId}";
        return id.Length <= 100 ? id : "seed:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..40];
    }

    private void Add(SeedProgramme programme)
    {
        var announcement = programme.Claims.FirstOrDefault(c => c.Claim == Announced);
        if (Announce(programme, announcement) is { } announce)
            Commands.Add(new SeedCommand(programme.Id, announce.ClaimId, announce));
        foreach (var claim in programme.Claims.Where(c => !ReferenceEquals(c, announcement)))
        {
            if (Report(programme.Id, claim) is { } report)
                Commands.Add(new SeedCommand(programme.Id, claim.Id, report));
        }
        foreach (var denial in programme.Denials ?? [])
        {
            if (Deny(programme.Id, denial) is { } deny)
                Commands.Add(new SeedCommand(programme.Id, denial.Id, deny));
        }
    }

    private AnnounceProgramRequest? Announce(SeedProgramme programme, SeedClaim? announcement)
    {
        var request = new AnnounceProgramRequest { ProgramId = programme.Id, Name = programme.Name, Kind = SeedVocabulary.Kind(programme.Kind), Country = programme.Country };
        if (announcement is not null)
        {
            if (Provenance(programme.Id, announcement.Id, announcement.Source, announcement.Quote) is not { } provenance)
                return null;
            request.ClaimId = announcement.Id;
            request.ValidTime = SeedValues.Date(announcement.ValidTime);
            request.Certainty = SeedVocabulary.Certainty(announcement.Certainty);
            request.Provenance = provenance;
            request.Note = announcement.Note ?? "";
        }
        else
        {
            // The file says what a source reported about the programme but not that it was announced: the
            // programme's first claim is the earliest sourced mention, so its source and quote stand for it.
            var first = programme.Claims.Count > 0 ? programme.Claims[0] : null;
            if (first is null || Provenance(programme.Id, programme.Id + "-announced", first.Source, first.Quote) is not { } provenance)
            {
                Problems.Add(new SeedProblem(programme.Id, programme.Id + "-announced", "no announcement and no claim to announce it from"));
                return null;
            }
            request.ClaimId = programme.Id + "-announced";
            request.Certainty = Certainty.Reported;
            request.Provenance = provenance;
            request.Note = $"Seed: no announcement in the source; announced from the source of claim '{first.Id}'.";
            AnnouncedFromFirstClaim.Add(programme.Id);
        }
        request.CommandId = CommandId(programme.Id, request.ClaimId);
        return request;
    }

    private ReportClaimRequest? Report(string programId, SeedClaim claim)
    {
        if (Provenance(programId, claim.Id, claim.Source, claim.Quote) is not { } provenance)
            return null;
        var request = new ReportClaimRequest { CommandId = CommandId(programId, claim.Id), ProgramId = programId };
        var certainty = SeedVocabulary.Certainty(claim.Certainty);
        var note = claim.Note ?? "";
        switch (claim.Claim)
        {
            case "attribute":
                if (claim.Value is null || MapValue(programId, claim.Id, claim.Value) is not { } value)
                    return Problem(programId, claim.Id, claim.Value is null ? "attribute claim without a value" : null);
                note = Join(note, SeedValues.Remark(claim.Value));
                request.Attribute = new AttributeClaim
                {
                    ClaimId = claim.Id, Attribute = claim.Attribute ?? "", Value = value, ValidTime = SeedValues.Date(claim.ValidTime),
                    Certainty = certainty, Provenance = provenance, Note = note,
                };
                return request;
            case "organisation_role":
                return OrganisationRole(programId, claim, request, certainty, provenance, note);
            case Announced:
                return Problem(programId, claim.Id, "a second ProgramAnnounced claim: a programme is announced once");
            default:
                return Lifecycle(programId, claim, request, certainty, provenance, note);
        }
    }

    private ReportClaimRequest? Lifecycle(string programId, SeedClaim claim, ReportClaimRequest request, Certainty certainty, Provenance provenance, string note)
    {
        if (SeedVocabulary.Stage(claim.Claim) is not { } stage)
            return Problem(programId, claim.Id, $"'{claim.Claim}' is not a lifecycle stage the API knows");
        // The API takes one figure per lifecycle claim: the quantity when both are given, the amount then kept in the note.
        var figure = claim.Quantity ?? claim.Amount ?? claim.Value;
        ClaimValue? value = null;
        if (figure is not null && (value = MapValue(programId, claim.Id, figure)) is null)
            return null;
        if (figure is not null)
            note = Join(note, SeedValues.Remark(figure));
        if (claim.Quantity is not null && claim.Amount is not null)
            note = Join(note, $"Seed: the source also gives an amount of {SeedValues.Decimal(claim.Amount.Amount)} {claim.Amount.Currency}.");
        request.Lifecycle = new LifecycleClaim
        {
            ClaimId = claim.Id, Stage = stage, ValidTime = SeedValues.Date(claim.ValidTime), Value = value,
            Certainty = certainty, Provenance = provenance, Note = note,
        };
        return request;
    }

    private ReportClaimRequest? OrganisationRole(string programId, SeedClaim claim, ReportClaimRequest request, Certainty certainty, Provenance provenance, string note)
    {
        if (claim.Role is null || SeedVocabulary.Role(claim.Role) is not { } role)
            return Problem(programId, claim.Id, $"role '{claim.Role}' is not one the API knows");
        if (role.Approximated)
            note = Join(note, $"Seed: role '{claim.Role}' recorded as {role.Role}.");
        var organisation = claim.Organisation is not null && _organisations.TryGetValue(claim.Organisation, out var known)
            ? known
            : new SeedOrganisation(claim.Organisation ?? "", claim.Organisation ?? "", [], null);
        var roleClaim = new OrganisationRoleClaim
        {
            ClaimId = claim.Id, Organisation = organisation.Name, OrganisationCountry = organisation.Country ?? "", Role = role.Role,
            Certainty = certainty, Provenance = provenance, Note = note,
        };
        roleClaim.Aliases.AddRange(organisation.Aliases ?? []);
        request.OrganisationRole = roleClaim;
        return request;
    }

    private DenyReportRequest? Deny(string programId, SeedDenial denial)
    {
        if (Provenance(programId, denial.Id, denial.Source, denial.Quote) is not { } provenance)
            return null;
        var request = new DenyReportRequest
        {
            CommandId = CommandId(programId, denial.Id), ProgramId = programId, ClaimId = denial.Id,
            DeniedBy = denial.DeniedBy, Statement = denial.Statement, Provenance = provenance, Note = denial.Note ?? "",
        };
        request.Denies.AddRange(denial.Denies);
        return request;
    }

    /// <summary>The source entry as provenance, with the claim's own quote.</summary>
    private Provenance? Provenance(string programId, string claimId, string sourceId, string quote)
    {
        if (!_sources.TryGetValue(sourceId, out var source))
            return Problem<Provenance>(programId, claimId, $"source '{sourceId}' is not among the file's sources");
        return new Provenance
        {
            // Two documents name no outlet; the API needs one, so the source entry's id stands in, visibly.
            Outlet = source.Outlet ?? $"unnamed outlet ({source.Id})",
            Url = source.Url ?? "",
            Title = source.Title ?? "",
            Published = SeedValues.Date(source.Published),
            Language = source.Language ?? "",
            SourceType = SeedVocabulary.SourceType(source.SourceType),
            Reliability = source.Reliability ?? "",
            Credibility = int.TryParse(source.Credibility, out var credibility) ? credibility : 0,
            Quote = quote,
        };
    }

    private ClaimValue? MapValue(string programId, string claimId, SeedValue value)
    {
        var (mapped, error) = SeedValues.Value(value);
        return error is null ? mapped : Problem<ClaimValue>(programId, claimId, error);
    }

    private ReportClaimRequest? Problem(string programId, string claimId, string? reason) =>
        reason is null ? null : Problem<ReportClaimRequest>(programId, claimId, reason);

    private T? Problem<T>(string programId, string claimId, string reason) where T : class
    {
        Problems.Add(new SeedProblem(programId, claimId, reason));
        return null;
    }

    private static string Join(string note, string? addition) => string.IsNullOrEmpty(addition) ? note : note.Length == 0 ? addition : $"{note} {addition}";
}
