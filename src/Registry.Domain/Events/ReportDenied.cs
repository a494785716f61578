using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>A sourced denial of earlier claims. The denied claims stay, ranked down; the denial is a claim itself.</summary>
[EventType("ReportDenied", 1)]
public sealed record ReportDenied(
    ClaimId ClaimId, IReadOnlyList<ClaimId> Denies, string DeniedBy, string Statement, Provenance Provenance, string? Note) : IProgramEvent;
