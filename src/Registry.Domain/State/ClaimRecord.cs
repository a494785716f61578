using Registry.Domain.Claims;

namespace Registry.Domain.State;

/// <summary>
/// One claim as the registry holds it now: what was claimed and on whose word, plus what happened to it
/// since (ranking, denials, retraction, replacement). Nothing here is ever removed.
/// </summary>
public sealed record ClaimRecord(
    ClaimId Id,
    ClaimKind Kind,
    Provenance Provenance,
    Certainty Certainty,
    string? Note,
    long Revision,
    DateTimeOffset RecordedAt)
{
    public LifecycleStage? Stage { get; init; }
    public string? Attribute { get; init; }
    public ClaimValue? Value { get; init; }
    public PartialDate? ValidTime { get; init; }
    public string? Organisation { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string? OrganisationCountry { get; init; }
    public OrganisationRole? Role { get; init; }

    /// <summary>For a denial: the claims it denies, who denied, and what they said.</summary>
    public IReadOnlyList<ClaimId> Denies { get; init; } = [];
    public string? DeniedBy { get; init; }
    public string? Statement { get; init; }

    public Rank Rank { get; init; } = Rank.Normal;
    public Correction? RankCorrection { get; init; }
    /// <summary>The denials that count against this claim: a retracted denial drops out here (it stays listed, with its Denies).</summary>
    public IReadOnlyList<ClaimId> DeniedByClaims { get; init; } = [];
    public Correction? Retraction { get; init; }
    public ClaimId? SupersededBy { get; init; }
    public Correction? Supersession { get; init; }

    public bool IsRetracted => Retraction is not null;
    public bool IsSuperseded => SupersededBy is not null;
    public bool IsDenied => DeniedByClaims.Count > 0;

    /// <summary>Still counts towards the programme's state (it may still be denied or deprecated).</summary>
    public bool IsActive => !IsRetracted && !IsSuperseded;
}

/// <summary>An operator's correction: who, why, and at which revision of the programme.</summary>
public sealed record Correction(string Operator, string Reason, long Revision);
