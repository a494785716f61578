using Registry.Domain.Claims;

namespace Registry.Domain.Decisions;

/// <summary>
/// Each claim's fate as one version of a programme knows it: an immutable map kept as a settled table, which
/// versions share, and a chain of the changes made since, newest first. Recording a fate adds one link; once the
/// chain is long enough, the next version settles it into a new table (a copy, paid for by the changes that
/// filled the chain). Nothing already made is ever written again. That is for the garbage collector: the command
/// side keeps every programme's state, so a table shared between versions that each new fate was written into
/// would be an old object pointing at young ones, which every young collection scans until they grow old. New
/// objects pointing at old ones cost it nothing.
/// </summary>
public sealed class ClaimFates
{
    // The chain is settled once it holds a quarter of the table, within these bounds: a chain in proportion to the
    // table keeps the copies to a few entries per change, and the newest copy of each programme's table is what a
    // young collection keeps of it (with an eighth, the copies were a fifth of what survived); the bound keeps
    // finding a claim in a large programme cheap.
    private const int ShortestChain = 8;
    private const int LongestChain = 128;

    public static ClaimFates Empty { get; } = new(new Dictionary<ClaimId, ClaimFate>(), null, 0, default);

    // Never changed once made: versions share it.
    private readonly Dictionary<ClaimId, ClaimFate> _settled;
    private readonly Change? _newest;
    private readonly int _changes;

    // One bit of 512 for each claim in the chain, chosen by its id's hash: a claim whose bit is clear is not in the
    // chain, and finding it skips the chain's links (each a cache miss: they were made commands apart). A new claim
    // is looked for twice when decided; with the longest chain (128 claims) its bit is clear about four times in five.
    private readonly ChainBits _inChain;

    private ClaimFates(Dictionary<ClaimId, ClaimFate> settled, Change? newest, int changes, ChainBits inChain)
    {
        _settled = settled;
        _newest = newest;
        _changes = changes;
        _inChain = inChain;
    }

    /// <summary>The claim's fate in this version; null if it has none.</summary>
    public ClaimFate? Find(ClaimId id)
    {
        if (_inChain.Has(id))
        {
            for (var change = _newest; change is not null; change = change.Earlier)
            {
                if (change.Id == id)
                    return change.Fate;
            }
        }
        return _settled.GetValueOrDefault(id);
    }

    /// <summary>Every claim with a fate in this version, in no particular order.</summary>
    public IEnumerable<(ClaimId Id, ClaimFate Fate)> All() => Settled(_settled, _newest).Select(entry => (entry.Key, entry.Value));

    /// <summary>This version with <paramref name="id"/>'s fate set (added or replaced).</summary>
    public ClaimFates With(ClaimId id, ClaimFate fate)
    {
        var newest = new Change(id, fate, _newest);
        return _changes + 1 < Math.Clamp(_settled.Count / 4, ShortestChain, LongestChain)
            ? new ClaimFates(_settled, newest, _changes + 1, _inChain.With(id))
            : new ClaimFates(Settled(_settled, newest), null, 0, default);
    }

    /// <summary>A new table: <paramref name="settled"/> with the chain's changes applied, oldest first.</summary>
    private static Dictionary<ClaimId, ClaimFate> Settled(Dictionary<ClaimId, ClaimFate> settled, Change? newest)
    {
        var table = new Dictionary<ClaimId, ClaimFate>(settled);
        var chain = new Stack<Change>();
        for (var change = newest; change is not null; change = change.Earlier)
            chain.Push(change);
        foreach (var change in chain)
            table[change.Id] = change.Fate;
        return table;
    }

    private sealed class Change(ClaimId id, ClaimFate fate, Change? earlier)
    {
        public ClaimId Id { get; } = id;

        public ClaimFate Fate { get; } = fate;

        public Change? Earlier { get; } = earlier;
    }

    /// <summary>512 bits, one per hash of a claim id.</summary>
    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct ChainBits
    {
        private ulong _word;

        public readonly bool Has(ClaimId id)
        {
            var bit = Bit(id);
            return (((ReadOnlySpan<ulong>)this)[bit >> 6] & (1UL << (bit & 63))) != 0;
        }

        public readonly ChainBits With(ClaimId id)
        {
            var bits = this;
            var bit = Bit(id);
            ((Span<ulong>)bits)[bit >> 6] |= 1UL << (bit & 63);
            return bits;
        }

        private static int Bit(ClaimId id) => (int)((uint)id.GetHashCode() % 512);
    }
}
