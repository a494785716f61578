using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>An operator's correction: a claim entered in error no longer counts; it stays visible to auditors.</summary>
[EventType("ClaimRetracted", 1)]
public sealed record ClaimRetracted(ClaimId ClaimId, string Reason, string Operator) : IProgramEvent;
