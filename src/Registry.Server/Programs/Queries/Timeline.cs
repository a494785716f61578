using Registry.Domain.Claims;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.V1;
using Rank = Registry.Domain.Claims.Rank;
using ClaimKind = Registry.Domain.State.ClaimKind;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Valid time of one programme: every dated claim (every lifecycle claim, and attribute claims that carry a
/// valid date) with the three clocks side by side and what became of it.
/// </summary>
internal static class Timeline
{
    /// <param name="positions">The log position of each of the programme's revisions (record time).</param>
    public static ProgramTimeline Of(ProgramState state, IReadOnlyDictionary<long, Position> positions)
    {
        var timeline = new ProgramTimeline { ProgramId = state.Id.Value, Name = state.Name, Version = state.Version };
        var dated = state.Claims
            .Where(c => c.Kind == ClaimKind.Lifecycle || c.Kind == ClaimKind.Attribute && c.ValidTime is not null)
            .OrderBy(c => c.ValidTime?.Earliest ?? DateOnly.MaxValue)
            .ThenBy(c => c.Revision);
        foreach (var claim in dated)
        {
            var (fate, note) = FateOf(claim, state);
            timeline.Entries.Add(new TimelineEntry
            {
                Claim = ToProto.Claim(claim),
                Fate = fate,
                FateNote = note,
                Position = positions.TryGetValue(claim.Revision, out var position) ? ToProto.Position(position) : null,
                Grade = claim.Provenance.Grade,
            });
        }
        return timeline;
    }

    /// <summary>The most telling fate first: an operator's retraction or replacement, a source's denial, a deprecation, then rank among rivals.</summary>
    public static (ClaimFate Fate, string Note) FateOf(ClaimRecord claim, ProgramState state)
    {
        if (claim.Retraction is { } retraction)
            return (ClaimFate.Retracted, $"retracted by {retraction.Operator}: {retraction.Reason}");
        if (claim.Supersession is { } supersession)
            return (ClaimFate.Superseded, $"superseded by {claim.SupersededBy} ({supersession.Operator}: {supersession.Reason})");
        if (claim.IsDenied)
        {
            var denials = state.Claims.Where(d => claim.DeniedByClaims.Contains(d.Id)).Select(d => $"{d.DeniedBy} ({d.Provenance.Outlet})");
            return (ClaimFate.Denied, "denied by " + string.Join(", ", denials));
        }
        if (claim.Rank == Rank.Deprecated)
            return (ClaimFate.Deprecated, claim.RankCorrection is { } c ? $"deprecated by {c.Operator}: {c.Reason}" : "deprecated");
        var rivals = state.Claims.Where(c => c.Kind == claim.Kind && c.Stage == claim.Stage && c.Attribute == claim.Attribute);
        return BestStanding(rivals)?.Id == claim.Id ? (ClaimFate.Best, string.Empty) : (ClaimFate.Competing, string.Empty);
    }

    /// <summary>
    /// The best-ranked claim that still stands (not retracted, superseded, denied or deprecated), in the
    /// registry's ranking order (<see cref="ProgramView"/>); null when none stands.
    /// </summary>
    public static ClaimRecord? BestStanding(IEnumerable<ClaimRecord> claims)
    {
        var ranked = ProgramView.Ranked(claims.Where(Stands));
        return ranked.Count == 0 ? null : ranked[0];
    }

    public static bool Stands(ClaimRecord claim) => claim.IsActive && !claim.IsDenied && claim.Rank != Rank.Deprecated;
}
