using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>A sourced claim about one attribute of the programme (turret_calibre = 120 mm, investment = 13.5 bn KZT).</summary>
[EventType("AttributeReported", 1)]
public sealed record AttributeReported(
    ClaimId ClaimId, string Attribute, ClaimValue Value, PartialDate? ValidTime,
    Certainty Certainty, Provenance Provenance, string? Note) : IProgramEvent;
