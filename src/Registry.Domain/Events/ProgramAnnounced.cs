using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>The first claim about a programme: that it exists, with its name, kind and country.</summary>
[EventType("ProgramAnnounced", 1)]
public sealed record ProgramAnnounced(
    ClaimId ClaimId, string Name, ProgramKind Kind, string Country,
    PartialDate? ValidTime, Certainty Certainty, Provenance Provenance, string? Note) : IProgramEvent;
