using Registry.Domain.Claims;
using Registry.Domain.Events;

namespace Registry.Domain.Decisions;

/// <summary>
/// Records a sourced claim about an existing programme: a lifecycle stage, an attribute value, or an
/// organisation's role. Claims that contradict earlier ones are recorded all the same, side by side.
/// </summary>
public sealed record ReportClaim(ProgramId Program, ReportedClaim Claim) : IProgramCommand
{
    public Decision Decide(DecisionState? state) =>
        Rules.ProgramExists(Program, state)
        ?? Rules.ClaimIdIsNew(state!, Claim.Id)
        ?? Rules.IsNotAnAnnouncement(Claim)
        ?? Decision.Accept(Claim.ToEvent());
}

/// <summary>The claims a report (or a correction's replacement) can carry.</summary>
public abstract record ReportedClaim(ClaimId Id, Certainty Certainty, Provenance Provenance, string? Note)
{
    public abstract IProgramEvent ToEvent();

    public sealed record Lifecycle(ClaimId Id, LifecycleStage Stage, PartialDate? ValidTime, ClaimValue? Value, Certainty Certainty, Provenance Provenance, string? Note)
        : ReportedClaim(Id, Certainty, Provenance, Note)
    {
        public override IProgramEvent ToEvent() => Stage == LifecycleStage.Announced
            ? throw new InvalidOperationException("A programme is announced with AnnounceProgram.")
            : new LifecycleReported(Id, Stage, ValidTime, Value, Certainty, Provenance, Note);
    }

    public sealed record AttributeValue(ClaimId Id, string Name, ClaimValue Value, PartialDate? ValidTime, Certainty Certainty, Provenance Provenance, string? Note)
        : ReportedClaim(Id, Certainty, Provenance, Note)
    {
        public override IProgramEvent ToEvent() => new AttributeReported(Id, Name, Value, ValidTime, Certainty, Provenance, Note);
    }

    public sealed record OrganisationRole(ClaimId Id, string Organisation, IReadOnlyList<string> Aliases, string? Country, Claims.OrganisationRole Role,
        Certainty Certainty, Provenance Provenance, string? Note)
        : ReportedClaim(Id, Certainty, Provenance, Note)
    {
        public override IProgramEvent ToEvent() => new OrganisationRoleReported(Id, Organisation, Aliases, Country, Role, Certainty, Provenance, Note);
    }
}
