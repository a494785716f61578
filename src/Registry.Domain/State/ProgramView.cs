using Registry.Domain.Claims;

namespace Registry.Domain.State;

/// <summary>
/// What the registry shows of a programme: per attribute the best-ranked value, every competing value with
/// its source when they disagree, and the lifecycle status. Best means, in order: ranked preferred over
/// normal over deprecated; not denied; the better Admiralty grade; the later publication; recorded later.
/// Retracted and superseded claims no longer compete but stay listed in the state.
/// </summary>
public static class ProgramView
{
    public sealed record AttributeView(string Attribute, ClaimRecord Best, IReadOnlyList<ClaimRecord> Competing, bool InConflict);

    public static IReadOnlyList<AttributeView> Attributes(ProgramState state) => state.Claims
        .Where(c => c.Kind == ClaimKind.Attribute && c.IsActive)
        .GroupBy(c => c.Attribute!)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g =>
        {
            var ranked = Ranked(g).ToList();
            var readable = ranked.Where(c => c.Value is not ClaimValue.Unreadable).ToList();
            var best = readable.Count > 0 ? readable[0] : ranked[0];
            var inConflict = readable.Select(c => c.Value).Distinct().Count() > 1;
            return new AttributeView(g.Key, best, ranked, inConflict);
        })
        .ToList();

    /// <summary>The furthest stage reached by an active claim that is not denied (cancellation ends all).</summary>
    public static LifecycleStage Status(ProgramState state) => state.Claims
        .Where(c => c.Kind == ClaimKind.Lifecycle && c.IsActive && !c.IsDenied && c.Rank != Rank.Deprecated)
        .Select(c => c.Stage!.Value)
        .DefaultIfEmpty(LifecycleStage.Announced)
        .Max();

    public static IEnumerable<ClaimRecord> Organisations(ProgramState state) =>
        Ranked(state.Claims.Where(c => c.Kind == ClaimKind.OrganisationRole && c.IsActive));

    public static IOrderedEnumerable<ClaimRecord> Ranked(IEnumerable<ClaimRecord> claims) => claims
        .OrderBy(c => c.Rank switch { Rank.Preferred => 0, Rank.Normal => 1, _ => 2 })
        .ThenBy(c => c.IsDenied)
        .ThenBy(c => c.Provenance.AdmiraltyRank)
        .ThenByDescending(c => c.Provenance.Published?.Earliest ?? DateOnly.MinValue)
        .ThenByDescending(c => c.Revision);
}
