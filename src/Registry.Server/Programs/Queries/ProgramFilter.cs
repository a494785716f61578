using Registry.Domain.State;
using ClaimKind = Registry.Domain.State.ClaimKind;
using LifecycleStage = Registry.Domain.Claims.LifecycleStage;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// ListPrograms' filters over programme states in memory: used when the question involves valid time or a
/// past record time, which the read model's columns do not answer. Same meaning as the read model's filters.
/// </summary>
internal sealed record ProgramFilter(
    string? Country, Domain.ProgramKind? Kind, LifecycleStage? Status, string? Organisation,
    LifecycleStage? Stage, int? ValidYear, bool AllClaims)
{
    public bool Matches(ProgramState state) =>
        (Country is null || state.Country == Country) &&
        (Kind is null || state.Kind == Kind) &&
        (Status is null || ProgramView.Status(state) == Status) &&
        (Organisation is null || ProgramView.Organisations(state).SelectMany(c => c.Aliases.Prepend(c.Organisation!))
            .Any(name => string.Equals(name, Organisation, StringComparison.OrdinalIgnoreCase))) &&
        (Stage is null && ValidYear is null || InValidTime(state));

    /// <summary>
    /// A claim of the stage (any stage when none is given) dated in the year (any date when none is given).
    /// Unless AllClaims, only the best-ranked standing claim of each stage counts: what the registry holds as
    /// true, not every rumour; with AllClaims every claim not retracted or superseded counts.
    /// </summary>
    private bool InValidTime(ProgramState state)
    {
        var lifecycle = state.Claims.Where(c => c.Kind == ClaimKind.Lifecycle && c.IsActive && (Stage is null || c.Stage == Stage));
        var counted = AllClaims
            ? lifecycle
            : lifecycle.GroupBy(c => c.Stage).Select(Timeline.BestStanding).OfType<ClaimRecord>();
        return counted.Any(c => ValidYear is null || c.ValidTime?.Year == ValidYear);
    }
}
