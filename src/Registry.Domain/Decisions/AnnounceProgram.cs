using Registry.Domain.Claims;
using Registry.Domain.Events;

namespace Registry.Domain.Decisions;

/// <summary>Records a programme's existence on a source's word. A programme is announced once.</summary>
public sealed record AnnounceProgram(
    ProgramId Program, ClaimId Claim, string Name, ProgramKind Kind, string Country,
    PartialDate? ValidTime, Certainty Certainty, Provenance Provenance, string? Note) : IProgramCommand
{
    public Decision Decide(DecisionState? state) => state is not null
        ? Decision.Reject(RejectionKind.AlreadyExists, $"Programme '{Program}' was already announced (as '{state.Name}').")
        : Decision.Accept(new ProgramAnnounced(Claim, Name, Kind, Country, ValidTime, Certainty, Provenance, Note));
}
