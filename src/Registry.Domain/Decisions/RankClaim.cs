using Registry.Domain.Claims;
using Registry.Domain.Events;

namespace Registry.Domain.Decisions;

/// <summary>An operator re-ranks a claim (preferred, normal, deprecated) with a reason.</summary>
public sealed record RankClaim(ProgramId Program, ClaimId Claim, Rank Rank, string Reason, string Operator) : IProgramCommand
{
    public Decision Decide(DecisionState? state)
    {
        var rejection = Rules.ProgramExists(Program, state) ?? Rules.ClaimIsActive(state!, Claim, "rank");
        if (rejection is not null)
            return rejection;
        return state!.Find(Claim)!.Rank == Rank
            ? Decision.Reject(RejectionKind.FailedPrecondition, $"Claim '{Claim}' is already ranked {Rank}.")
            : Decision.Accept(new ClaimRanked(Claim, Rank, Reason, Operator));
    }
}
