using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;

namespace Registry.Domain.Decisions;

/// <summary>
/// Records a sourced denial of earlier claims. The denied claims are not removed: they are ranked down and
/// marked with the denial. A denial cannot deny itself or another denial, and each denied claim must still count.
/// </summary>
public sealed record DenyReport(ProgramId Program, ClaimId Claim, IReadOnlyList<ClaimId> Denies, string DeniedBy, string Statement,
    Provenance Provenance, string? Note) : IProgramCommand
{
    public Decision Decide(DecisionState? state)
    {
        var rejection = Rules.ProgramExists(Program, state) ?? Rules.ClaimIdIsNew(state!, Claim);
        if (rejection is not null)
            return rejection;
        if (Denies.Count == 0)
            return Decision.Reject(RejectionKind.FailedPrecondition, "A denial must name at least one claim it denies.");
        foreach (var denied in Denies.Distinct())
        {
            rejection = Rules.ClaimIsActive(state!, denied, "deny");
            if (rejection is not null)
                return rejection;
            if (state!.Find(denied)!.Kind == ClaimKind.Denial)
                return Decision.Reject(RejectionKind.FailedPrecondition, $"Claim '{denied}' is itself a denial; record a new claim instead of denying a denial.");
        }
        return Decision.Accept(new ReportDenied(Claim, Denies.Distinct().ToList(), DeniedBy, Statement, Provenance, Note));
    }
}
