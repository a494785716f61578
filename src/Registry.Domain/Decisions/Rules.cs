using Registry.Domain.Claims;

namespace Registry.Domain.Decisions;

/// <summary>The checks several commands share; each returns a rejection, or null when the command may go on.</summary>
internal static class Rules
{
    public static Decision? ProgramExists(ProgramId program, DecisionState? state) =>
        state is null ? Decision.Reject(RejectionKind.NotFound, $"No programme '{program}'.") : null;

    public static Decision? ClaimIdIsNew(DecisionState state, ClaimId id) =>
        state.Find(id) is null ? null : Decision.Reject(RejectionKind.AlreadyExists, $"Programme '{state.Id}' already has a claim '{id}'.");

    /// <summary>A programme is announced once, by AnnounceProgram; a report or a replacement cannot announce it again.</summary>
    public static Decision? IsNotAnAnnouncement(ReportedClaim claim) =>
        claim is ReportedClaim.Lifecycle { Stage: LifecycleStage.Announced }
            ? Decision.Reject(RejectionKind.FailedPrecondition, $"Claim '{claim.Id}': a programme is announced with AnnounceProgram, not reported as a lifecycle stage.")
            : null;

    /// <summary>The claim exists and still counts: corrections and denials apply to live claims only.</summary>
    public static Decision? ClaimIsActive(DecisionState state, ClaimId id, string action)
    {
        var claim = state.Find(id);
        if (claim is null)
            return Decision.Reject(RejectionKind.FailedPrecondition, $"Programme '{state.Id}' has no claim '{id}' to {action}.");
        if (claim.IsRetracted)
            return Decision.Reject(RejectionKind.FailedPrecondition, $"Claim '{id}' was retracted; it cannot be {PastParticiple(action)}.");
        if (claim.IsSuperseded)
            return Decision.Reject(RejectionKind.FailedPrecondition, $"Claim '{id}' was superseded by '{claim.SupersededBy}'; correct that one instead.");
        return null;
    }

    /// <summary>"rank" -> "ranked", but "deny" -> "denied" and "supersede" -> "superseded".</summary>
    private static string PastParticiple(string action) => action switch
    {
        "deny" => "denied",
        _ when action.EndsWith('e') => action + "d",
        _ => action + "ed",
    };
}
