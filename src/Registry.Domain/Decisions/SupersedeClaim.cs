using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;

namespace Registry.Domain.Decisions;

/// <summary>
/// An operator replaces a claim with a corrected one: the replacement is recorded as a new claim and the old
/// one is marked superseded by it, in one append. The replacement must be of the same kind (and attribute).
/// </summary>
public sealed record SupersedeClaim(ProgramId Program, ClaimId Claim, ReportedClaim Replacement, string Reason, string Operator) : IProgramCommand
{
    public Decision Decide(DecisionState? state)
    {
        var rejection = Rules.ProgramExists(Program, state)
            ?? Rules.ClaimIsActive(state!, Claim, "supersede")
            ?? Rules.ClaimIdIsNew(state!, Replacement.Id)
            ?? Rules.IsNotAnAnnouncement(Replacement);
        if (rejection is not null)
            return rejection;
        var old = state!.Find(Claim)!;
        var sameKind = (old.Kind, Replacement) switch
        {
            (ClaimKind.Attribute, ReportedClaim.AttributeValue a) => a.Name == old.Attribute,
            (ClaimKind.Lifecycle, ReportedClaim.Lifecycle l) => old.Stage != LifecycleStage.Announced,
            (ClaimKind.OrganisationRole, ReportedClaim.OrganisationRole) => true,
            _ => false,
        };
        return sameKind
            ? Decision.Accept(Replacement.ToEvent(), new ClaimSuperseded(Claim, Replacement.Id, Reason, Operator))
            : Decision.Reject(RejectionKind.FailedPrecondition,
                $"Claim '{Claim}' is a {old.Kind} claim{(old.Attribute is null ? string.Empty : $" about {old.Attribute}")}; its replacement must be of the same kind.");
    }
}
