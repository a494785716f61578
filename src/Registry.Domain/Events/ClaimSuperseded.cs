using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>An operator's correction: a claim replaced by a corrected one (recorded just before this event).</summary>
[EventType("ClaimSuperseded", 1)]
public sealed record ClaimSuperseded(ClaimId ClaimId, ClaimId Replacement, string Reason, string Operator) : IProgramEvent;
