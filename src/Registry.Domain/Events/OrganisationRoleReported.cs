using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>A sourced claim that an organisation (with the aliases sources spell it by) plays a role in the programme.</summary>
[EventType("OrganisationRoleReported", 1)]
public sealed record OrganisationRoleReported(
    ClaimId ClaimId, string Organisation, IReadOnlyList<string> Aliases, string? OrganisationCountry, OrganisationRole Role,
    Certainty Certainty, Provenance Provenance, string? Note) : IProgramEvent;
