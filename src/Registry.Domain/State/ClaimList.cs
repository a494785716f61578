using System.Collections;
using System.Runtime.CompilerServices;

namespace Registry.Domain.State;

/// <summary>
/// A programme's claims in order: an immutable list whose versions share one array. A version sees the first
/// <see cref="Count"/> items; adding a claim to the newest version writes the next slot and costs one small object,
/// where an immutable tree allocated a new path of nodes for every claim, which the garbage collector then promoted
/// for every programme state that followers keep. Adding to an older version (two folds of one state) or replacing a
/// claim (a correction, rare) copies the array.
/// </summary>
[CollectionBuilder(typeof(ClaimList), nameof(Create))]
public sealed class ClaimList : IReadOnlyList<ClaimRecord>
{
    public static ClaimList Empty { get; } = new(new Items([]), 0);

    private readonly Items _items;
    private readonly int _count;

    private ClaimList(Items items, int count)
    {
        _items = items;
        _count = count;
    }

    public static ClaimList Create(ReadOnlySpan<ClaimRecord> claims) => claims.IsEmpty ? Empty : new(new Items(claims.ToArray()), claims.Length);

    public int Count => _count;

    public ClaimRecord this[int index] =>
        (uint)index < (uint)_count ? _items.Array[index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {_count} claims.");

    /// <summary>These claims and <paramref name="claim"/> after them.</summary>
    public ClaimList Add(ClaimRecord claim)
    {
        var items = _items;
        // Only the version holding every slot written so far may write the next one; the others copy.
        if (_count < items.Array.Length && Interlocked.CompareExchange(ref items.Used, _count + 1, _count) == _count)
        {
            items.Array[_count] = claim;
            return new ClaimList(items, _count + 1);
        }
        var array = new ClaimRecord[Math.Max(4, _count * 2)];
        Array.Copy(items.Array, array, _count);
        array[_count] = claim;
        return new ClaimList(new Items(array) { Used = _count + 1 }, _count + 1);
    }

    /// <summary>These claims with the one at <paramref name="index"/> replaced (a copy).</summary>
    public ClaimList SetItem(int index, ClaimRecord claim)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        var array = _items.Array[.._count];
        array[index] = claim;
        return new ClaimList(new Items(array), _count);
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<ClaimRecord> IEnumerable<ClaimRecord>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The array versions share, and how many of its slots are written.</summary>
    private sealed class Items(ClaimRecord[] array)
    {
        public readonly ClaimRecord[] Array = array;
        public int Used = array.Length;
    }

    public struct Enumerator(ClaimList list) : IEnumerator<ClaimRecord>
    {
        private int _index = -1;

        public readonly ClaimRecord Current => list._items.Array[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < list._count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
