using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>
/// A sourced claim that the programme reached (or will reach) a stage, with its valid time and, where the
/// source gives one, a figure (quantity ordered, amount funded). Stored under the stage's own name:
/// ProductionPlanned.v1, ProductionStarted.v1, ProcurementReported.v1, FundingAllocated.v1,
/// DeliveriesRecorded.v1, EnteredService.v1, ProgramCancelled.v1.
/// </summary>
public sealed record LifecycleReported(
    ClaimId ClaimId, LifecycleStage Stage, PartialDate? ValidTime, ClaimValue? Value,
    Certainty Certainty, Provenance Provenance, string? Note) : IProgramEvent;
