using System.Runtime.InteropServices;
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
            SortBestFirst(claims);
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
        SortBestFirst(ranked);
        return ranked;
    }

    /// <summary>Sorts best first, in place: each claim's ranking key is worked out once, not at every comparison.</summary>
    private static void SortBestFirst(List<ClaimRecord> claims)
    {
        var keys = new RankingKey[claims.Count];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = RankingKey.Of(claims[i]);
        keys.AsSpan().Sort(CollectionsMarshal.AsSpan(claims));
    }

    /// <summary>
    /// The ranking order as one value. The last part, the revision, differs between any two claims of a
    /// programme, so the order is total and an unstable sort gives the same result as a stable one.
    /// </summary>
    private readonly record struct RankingKey(int Rank, bool Denied, int Grade, int Published, long Revision) : IComparable<RankingKey>
    {
        public static RankingKey Of(ClaimRecord claim) => new(
            claim.Rank switch { Claims.Rank.Preferred => 0, Claims.Rank.Normal => 1, _ => 2 },
            claim.IsDenied,
            claim.Provenance.AdmiraltyRank,
            (claim.Provenance.Published?.Earliest ?? DateOnly.MinValue).DayNumber,
            claim.Revision);

        /// <summary>Better first: higher rank, not denied, better grade, later publication, recorded later.</summary>
        public int CompareTo(RankingKey other)
        {
            var order = Rank.CompareTo(other.Rank);
            if (order == 0)
                order = Denied.CompareTo(other.Denied);
            if (order == 0)
                order = Grade.CompareTo(other.Grade);
            if (order == 0)
                order = other.Published.CompareTo(Published);
            return order != 0 ? order : other.Revision.CompareTo(Revision);
        }
    }
}
