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
    public ClaimFate? Find(ClaimId id) => _history?.Newest(id)?.AsOf(_count)?.Fate;

    /// <summary>Every claim with a fate in this version, in no particular order.</summary>
    public IEnumerable<(ClaimId Id, ClaimFate Fate)> All()
    {
        if (_history is null)
            yield break;
        foreach (var newest in _history.All())
        {
            if (newest.AsOf(_count) is { } change)
                yield return (change.Id, change.Fate);
        }
    }

    /// <summary>This version with <paramref name="id"/>'s fate set (added or replaced).</summary>
    public ClaimFates With(ClaimId id, ClaimFate fate)
    {
        var history = _history;
        // Only the version holding every change of its history may append to it; the others copy.
        if (history is null || Interlocked.CompareExchange(ref history.Length, _count + 1, _count) != _count)
            return Copied().With(id, fate);
        history.Record(new Change(id, fate, _count, history.Newest(id)));
        return new ClaimFates(history, _count + 1);
    }

    /// <summary>What this version sees, as the only change of a new history (a version of count 1).</summary>
    private ClaimFates Copied()
    {
        var copy = new History { Length = 1 };
        foreach (var (id, fate) in All())
            copy.Record(new Change(id, fate, 0, null));
        return new ClaimFates(copy, 1);
    }

    /// <summary>
    /// The changes of a programme's versions: each claim's newest change, which links to the ones before it (readers
    /// of older versions walk back past the changes they must not see), in an open-addressing table. Only the version
    /// holding every change writes (one at a time, under the compare-and-swap on <see cref="Length"/>), any version
    /// reads at any time: a write fills an empty slot or puts a claim's newer change in its slot, and a full table is
    /// replaced by a bigger copy, so a reader sees either change, both correct for it. A slot costs no object of its
    /// own, where a concurrent dictionary allocated a node per claim and again at every resize.
    /// </summary>
    private sealed class History
    {
        private volatile Change?[] _slots = new Change?[8];
        private int _claims;

        /// <summary>How many changes were recorded; the version of that count is the only one that may add one.</summary>
        public int Length;

        public Change? Newest(ClaimId id)
        {
            var slots = _slots;
            for (var slot = Home(id, slots); ; slot = (slot + 1) & (slots.Length - 1))
            {
                // Read once: the writer may fill this slot meanwhile.
                var change = slots[slot];
                if (change is null || change.Id == id)
                    return change;
            }
        }

        public void Record(Change change)
        {
            var slots = _slots;
            var slot = Home(change.Id, slots);
            while (slots[slot] is { } taken && taken.Id != change.Id)
                slot = (slot + 1) & (slots.Length - 1);
            if (slots[slot] is null && ++_claims * 2 > slots.Length)
            {
                _slots = Grown(slots, change);
                return;
            }
            slots[slot] = change;
        }

        public IEnumerable<Change> All() => _slots.OfType<Change>();

        private static Change?[] Grown(Change?[] slots, Change added)
        {
            var grown = new Change?[slots.Length * 2];
            foreach (var change in slots.Append(added))
            {
                if (change is null)
                    continue;
                var slot = Home(change.Id, grown);
                while (grown[slot] is not null)
                    slot = (slot + 1) & (grown.Length - 1);
                grown[slot] = change;
            }
            return grown;
        }

        private static int Home(ClaimId id, Change?[] slots) => id.GetHashCode() & (slots.Length - 1);
    }

    /// <summary>A claim's fate from change number <paramref name="sequence"/> on.</summary>
    private sealed class Change(ClaimId id, ClaimFate fate, int sequence, Change? earlier)
    {
        public ClaimId Id { get; } = id;

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
