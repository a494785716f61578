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

    /// <summary>Every attribute with active claims, in ordinal name order. Runs for every published change, so no LINQ sorting.</summary>
    public static IReadOnlyList<AttributeView> Attributes(ProgramState state)
    {
        var byAttribute = new SortedDictionary<string, List<ClaimRecord>>(StringComparer.Ordinal);
        foreach (var claim in state.Claims)
        {
            if (claim.Kind != ClaimKind.Attribute || !claim.IsActive)
                continue;
            if (!byAttribute.TryGetValue(claim.Attribute!, out var claims))
                byAttribute[claim.Attribute!] = claims = [];
            claims.Add(claim);
        }
        var views = new List<AttributeView>(byAttribute.Count);
        foreach (var (attribute, claims) in byAttribute)
        {
            claims.Sort(BestFirst.Instance);
            var best = claims.Find(c => c.Value is not ClaimValue.Unreadable) ?? claims[0];
            var inConflict = claims.Exists(c => c.Value is not ClaimValue.Unreadable && !Equals(c.Value, best.Value));
            views.Add(new AttributeView(attribute, best, claims, inConflict));
        }
        return views;
    }

    /// <summary>The furthest stage reached by an active claim that is not denied (cancellation ends all).</summary>
    public static LifecycleStage Status(ProgramState state)
    {
        var status = LifecycleStage.Announced;
        foreach (var claim in state.Claims)
        {
            if (claim.Kind == ClaimKind.Lifecycle && claim.IsActive && !claim.IsDenied && claim.Rank != Rank.Deprecated && claim.Stage!.Value > status)
                status = claim.Stage.Value;
        }
        return status;
    }

    public static IEnumerable<ClaimRecord> Organisations(ProgramState state) =>
        Ranked(state.Claims.Where(c => c.Kind == ClaimKind.OrganisationRole && c.IsActive));

    public static IReadOnlyList<ClaimRecord> Ranked(IEnumerable<ClaimRecord> claims)
    {
        var ranked = claims.ToList();
        ranked.Sort(BestFirst.Instance);
        return ranked;
    }

    /// <summary>
    /// The ranking order. The last key, the revision, differs between any two claims of a programme, so the
    /// order is total and an unstable sort gives the same result as a stable one.
    /// </summary>
    private sealed class BestFirst : IComparer<ClaimRecord>
    {
        public static readonly BestFirst Instance = new();

        public int Compare(ClaimRecord? x, ClaimRecord? y)
        {
            if (ReferenceEquals(x, y))
                return 0;
            if (x is null || y is null)
                return x is null ? 1 : -1;
            var byRank = RankOrder(x.Rank).CompareTo(RankOrder(y.Rank));
            if (byRank != 0)
                return byRank;
            var byDenial = x.IsDenied.CompareTo(y.IsDenied);
            if (byDenial != 0)
                return byDenial;
            var byGrade = x.Provenance.AdmiraltyRank.CompareTo(y.Provenance.AdmiraltyRank);
            if (byGrade != 0)
                return byGrade;
            var byPublication = Published(y).CompareTo(Published(x));
            return byPublication != 0 ? byPublication : y.Revision.CompareTo(x.Revision);
        }

        private static int RankOrder(Rank rank) => rank switch { Rank.Preferred => 0, Rank.Normal => 1, _ => 2 };

        private static DateOnly Published(ClaimRecord claim) => claim.Provenance.Published?.Earliest ?? DateOnly.MinValue;
    }
}
