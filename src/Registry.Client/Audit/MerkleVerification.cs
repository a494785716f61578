namespace Registry.Client.Audit;

/// <summary>Checks proofs as RFC 9162 sections 2.1.3.2 and 2.1.4.2 describe, knowing only hashes and sizes.</summary>
public static class MerkleVerification
{
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size)
            return false;
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != MerkleHashing.HashSize)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHashing.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHashing.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>
    /// Whether the tree of <paramref name="second"/> leaves extends the one of <paramref name="first"/>. Equal
    /// sizes are consistent only with an empty proof and equal roots; an empty first tree is a prefix of any tree.
    /// </summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 0 || first > second)
            return false;
        if (first == 0)
            return proof.Count == 0;
        if (first == second)
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (proof.Count == 0 || proof.Any(p => p.Length != MerkleHashing.HashSize))
            return false;
        var path = MerkleHashing.IsPowerOfTwo(first) ? proof.Prepend(firstRoot.ToArray()).ToList() : proof.ToList();
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHashing.Node(c, fr);
                sr = MerkleHashing.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHashing.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
