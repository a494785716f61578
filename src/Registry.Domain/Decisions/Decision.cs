using Registry.Domain.Events;

namespace Registry.Domain.Decisions;

public enum RejectionKind
{
    /// <summary>The programme does not exist.</summary>
    NotFound,

    /// <summary>The programme or claim id is already taken.</summary>
    AlreadyExists,

    /// <summary>A rule of the domain forbids it in the programme's present state.</summary>
    FailedPrecondition,
}

/// <summary>What a command comes to: the events to append, or why not.</summary>
public sealed record Decision(IReadOnlyList<IProgramEvent> Events, RejectionKind? Rejection, string? Reason)
{
    public bool Accepted => Rejection is null;

    public static Decision Accept(params IProgramEvent[] events) => new(events, null, null);

    public static Decision Reject(RejectionKind kind, string reason) => new([], kind, reason);
}
