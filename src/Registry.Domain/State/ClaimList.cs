using System.Collections;
using System.Runtime.CompilerServices;

namespace Registry.Domain.State;

/// <summary>
/// A programme's claims in order: an immutable list kept as full chunks of <see cref="ChunkSize"/> claims, which
/// versions share, and a short tail of the newest claims, which each version has to itself. Adding a claim copies
/// the tail (and, once in <see cref="ChunkSize"/> claims, the list of chunks); nothing already made is ever written
/// again. That is for the garbage collector: followers keep every programme's newest state, so an array they share
/// that a new claim was written into would be an old object pointing at a young one, and every young collection
/// scans each such place until the claim itself grows old. New objects pointing at old ones cost it nothing.
/// </summary>
[CollectionBuilder(typeof(ClaimList), nameof(Create))]
public sealed class ClaimList : IReadOnlyList<ClaimRecord>
{
    private const int ChunkBits = 5;
    private const int ChunkSize = 1 << ChunkBits;

    public static ClaimList Empty { get; } = new([], []);

    private readonly ClaimRecord[][] _chunks;
    private readonly ClaimRecord[] _tail;

    private ClaimList(ClaimRecord[][] chunks, ClaimRecord[] tail)
    {
        _chunks = chunks;
        _tail = tail;
    }

    public static ClaimList Create(ReadOnlySpan<ClaimRecord> claims)
    {
        var chunks = new ClaimRecord[claims.Length >> ChunkBits][];
        for (var i = 0; i < chunks.Length; i++)
            chunks[i] = claims.Slice(i << ChunkBits, ChunkSize).ToArray();
        return new ClaimList(chunks, claims[(chunks.Length << ChunkBits)..].ToArray());
    }

    public int Count => (_chunks.Length << ChunkBits) + _tail.Length;

    public ClaimRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Count} claims.");
            var chunk = index >> ChunkBits;
            return chunk < _chunks.Length ? _chunks[chunk][index & (ChunkSize - 1)] : _tail[index & (ChunkSize - 1)];
        }
    }

    /// <summary>These claims and <paramref name="claim"/> after them.</summary>
    public ClaimList Add(ClaimRecord claim)
    {
        ClaimRecord[] tail = [.. _tail, claim];
        return tail.Length < ChunkSize ? new ClaimList(_chunks, tail) : new ClaimList([.. _chunks, tail], []);
    }

    /// <summary>These claims with the one at <paramref name="index"/> replaced (a copy of its chunk).</summary>
    public ClaimList SetItem(int index, ClaimRecord claim)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var chunk = index >> ChunkBits;
        if (chunk == _chunks.Length)
            return new ClaimList(_chunks, Replaced(_tail, index, claim));
        var chunks = (ClaimRecord[][])_chunks.Clone();
        chunks[chunk] = Replaced(_chunks[chunk], index, claim);
        return new ClaimList(chunks, _tail);
    }

    private static ClaimRecord[] Replaced(ClaimRecord[] claims, int index, ClaimRecord claim)
    {
        var copy = (ClaimRecord[])claims.Clone();
        copy[index & (ChunkSize - 1)] = claim;
        return copy;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<ClaimRecord> IEnumerable<ClaimRecord>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(ClaimList list) : IEnumerator<ClaimRecord>
    {
        private readonly int _count = list.Count;
        private int _index = -1;

        public readonly ClaimRecord Current => list[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
