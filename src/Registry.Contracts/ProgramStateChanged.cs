namespace Registry.Contracts;

/// <summary>
/// Published after every change of a programme, carrying its whole current state. Version is the programme's
/// version (the revision of its last event): a subscriber keeps the newest and drops anything not newer.
/// The message id is derived from <see cref="EventId"/>, so a re-published message carries the same id.
/// </summary>
public sealed record ProgramStateChanged(
    string ProgramId,
    long Version,
    ulong CommitPosition,
    ulong PreparePosition,
    Guid EventId,
    string EventType,
    DateTimeOffset RecordedAt,
    ProgramSnapshot State);
