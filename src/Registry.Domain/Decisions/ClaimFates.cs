using System.Collections.Concurrent;
using Registry.Domain.Claims;

namespace Registry.Domain.Decisions;

/// <summary>
/// Each claim's fate as one version of a programme knows it: an immutable map whose versions share one history of
/// changes. A version sees the first <c>count</c> changes of its history. Deciding commands extends the newest
/// version, so recording a fate costs one entry in the shared history; an immutable tree would allocate a new path
/// of nodes for every claim, which the garbage collector then promotes, since the command side keeps every
/// programme's state. Extending a version that is no longer the newest of its history (rare: two folds of the same
/// state) first copies what that version sees into a history of its own.
/// </summary>
public sealed class ClaimFates
{
    public static ClaimFates Empty { get; } = new(null, 0);

    private readonly History? _history;
    private readonly int _count;

    private ClaimFates(History? history, int count)
    {
        _history = history;
        _count = count;
    }

    /// <summary>The claim's fate in this version; null if it has none.</summary>
    public ClaimFate? Find(ClaimId id)
    {
        if (_history is null || !_history.Latest.TryGetValue(id, out var change))
            return null;
        return change.AsOf(_count)?.Fate;
    }

    /// <summary>Every claim with a fate in this version, in no particular order.</summary>
    public IEnumerable<(ClaimId Id, ClaimFate Fate)> All()
    {
        if (_history is null)
            yield break;
        foreach (var (id, latest) in _history.Latest)
        {
            if (latest.AsOf(_count) is { } change)
                yield return (id, change.Fate);
        }
    }

    /// <summary>This version with <paramref name="id"/>'s fate set (added or replaced).</summary>
    public ClaimFates With(ClaimId id, ClaimFate fate)
    {
        var history = _history;
        // Only the version holding every change of its history may append to it; the others copy.
        if (history is null || Interlocked.CompareExchange(ref history.Length, _count + 1, _count) != _count)
            return Copied().With(id, fate);
        history.Latest.TryGetValue(id, out var earlier);
        history.Latest[id] = new Change(fate, _count, earlier);
        return new ClaimFates(history, _count + 1);
    }

    /// <summary>What this version sees, as the only change of a new history (a version of count 1).</summary>
    private ClaimFates Copied()
    {
        var copy = new History { Length = 1 };
        foreach (var (id, fate) in All())
            copy.Latest[id] = new Change(fate, 0, null);
        return new ClaimFates(copy, 1);
    }

    /// <summary>
    /// The changes of a programme's versions. <see cref="Latest"/> holds each claim's newest change, which links to
    /// the ones before it; readers of older versions walk back past the changes they must not see.
    /// </summary>
    private sealed class History
    {
        public readonly ConcurrentDictionary<ClaimId, Change> Latest = new();

        /// <summary>How many changes were recorded; the version of that count is the only one that may add one.</summary>
        public int Length;
    }

    /// <summary>A claim's fate from change number <paramref name="sequence"/> on.</summary>
    private sealed class Change(ClaimFate fate, int sequence, Change? earlier)
    {
        public ClaimFate Fate { get; } = fate;

        /// <summary>This change or the newest earlier one that a version of <paramref name="count"/> changes sees.</summary>
        public Change? AsOf(int count)
        {
            var change = this;
            while (change is not null && change.Sequence >= count)
                change = change.Earlier;
            return change;
        }

        private int Sequence { get; } = sequence;

        private Change? Earlier { get; } = earlier;
    }
}
