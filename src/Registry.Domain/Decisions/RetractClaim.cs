using Registry.Domain.Claims;
using Registry.Domain.Events;

namespace Registry.Domain.Decisions;

/// <summary>An operator retracts a claim entered in error; it stays visible to auditors but no longer counts.</summary>
public sealed record RetractClaim(ProgramId Program, ClaimId Claim, string Reason, string Operator) : IProgramCommand
{
    public Decision Decide(DecisionState? state)
    {
        var rejection = Rules.ProgramExists(Program, state) ?? Rules.ClaimIsActive(state!, Claim, "retract");
        if (rejection is not null)
            return rejection;
        return state!.Find(Claim)!.Stage == LifecycleStage.Announced
            ? Decision.Reject(RejectionKind.FailedPrecondition, $"Claim '{Claim}' announced the programme and cannot be retracted; deprecate it, or report the programme's existence from a better source.")
            : Decision.Accept(new ClaimRetracted(Claim, Reason, Operator));
    }
}
