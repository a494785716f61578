namespace Registry.Client.Audit;

/// <summary>
/// Roots and proofs (RFC 9162 sections 2.1.1, 2.1.3.1, 2.1.4.1) from the stored hashes of complete subtrees.
/// Every range the recursion meets starts at a multiple of a power of two at least its length, so a range whose
/// length is a power of two is one stored node; the others split into at most log2(n) of them.
/// </summary>
public sealed class MerkleProofs(INodeHashes nodes)
{
    /// <summary>MTH(D[0:n]).</summary>
    public byte[] Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? MerkleHashing.EmptyRoot() : RangeHash(0, size);
    }

    /// <summary>PATH(m, D[0:n]): the audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> Inclusion(long index, long size)
    {
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size} leaves.");
        var path = new List<byte[]>();
        Path(index, 0, size, path);
        return path;
    }

    /// <summary>PROOF(m, D[0:n]) for 0 &lt; m &lt;= n; empty when m == n.</summary>
    public IReadOnlyList<byte[]> Consistency(long first, long second)
    {
        if (first <= 0 || first > second)
            throw new ArgumentOutOfRangeException(nameof(first), $"A consistency proof needs 0 < first <= second; got {first} and {second}.");
        var proof = new List<byte[]>();
        SubProof(first, 0, second, complete: true, proof);
        return proof;
    }

    private void Path(long m, long start, long end, List<byte[]> path)
    {
        var n = end - start;
        if (n <= 1)
            return;
        var k = MerkleHashing.SplitPoint(n);
        if (m < k)
        {
            Path(m, start, start + k, path);
            path.Add(RangeHash(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, path);
            path.Add(RangeHash(start, start + k));
        }
    }

    private void SubProof(long m, long start, long end, bool complete, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
                proof.Add(RangeHash(start, end));
            return;
        }
        var k = MerkleHashing.SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, proof);
            proof.Add(RangeHash(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, complete: false, proof);
            proof.Add(RangeHash(start, start + k));
        }
    }

    /// <summary>MTH(D[start:end]) for a non-empty range that starts on a boundary of its own size's power of two.</summary>
    private byte[] RangeHash(long start, long end)
    {
        var n = end - start;
        if (MerkleHashing.IsPowerOfTwo(n))
        {
            var level = System.Numerics.BitOperations.Log2((ulong)n);
            return nodes.Hash(level, start >> level);
        }
        var k = MerkleHashing.SplitPoint(n);
        return MerkleHashing.Node(RangeHash(start, start + k), RangeHash(start + k, end));
    }
}
