namespace Registry.Contracts;

/// <summary>
/// An operator corrected a claim about a programme: <see cref="Correction"/> is "Ranked" (with
/// <see cref="NewRank"/>: Preferred, Normal or Deprecated), "Retracted" (entered in error) or "Superseded" (by
/// <see cref="ReplacementClaimId"/>). Published besides the <see cref="ProgramStateChanged"/> of the same event
/// and <see cref="Version"/>; the message id is derived from <see cref="EventId"/>.
/// </summary>
public sealed record ProgramClaimCorrected(
    string ProgramId,
    long Version,
    ulong CommitPosition,
    ulong PreparePosition,
    Guid EventId,
    DateTimeOffset RecordedAt,
    string Correction,
    string ClaimId,
    string Operator,
    string Reason,
    string? NewRank,
    string? ReplacementClaimId);
