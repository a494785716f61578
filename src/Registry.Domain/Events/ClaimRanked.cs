using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>An operator's correction: a claim re-ranked preferred, normal or deprecated, and why.</summary>
[EventType("ClaimRanked", 1)]
public sealed record ClaimRanked(ClaimId ClaimId, Rank Rank, string Reason, string Operator) : IProgramEvent;
