namespace Registry.Contracts;

/// <summary>
/// A source denied earlier claims about a programme (the denial is a sourced claim itself; the denied claims
/// stay, ranked down). Published besides the <see cref="ProgramStateChanged"/> of the same event and
/// <see cref="Version"/>, for subscribers that react to denials without comparing states. The message id is
/// derived from <see cref="EventId"/>.
/// </summary>
public sealed record ProgramReportDenied(
    string ProgramId,
    long Version,
    ulong CommitPosition,
    ulong PreparePosition,
    Guid EventId,
    DateTimeOffset RecordedAt,
    string DenialClaimId,
    IReadOnlyList<string> DeniedClaimIds,
    string DeniedBy,
    string Statement,
    string SourceOutlet,
    string? SourceUrl,
    string SourceGrade);
