using System.Security.Cryptography;
using Registry.Client.Audit;

namespace Registry.Server.Tests.Audit;

/// <summary>
/// The stored-subtree tree against a plain recursive reading of RFC 9162 (MTH, PATH, PROOF written as the RFC
/// defines them, over the whole leaf list) for every size up to 64, and the verifiers on every proof.
/// </summary>
public sealed class MerkleKnownAnswerTests
{
    private const int MaxSize = 64;
    private static readonly byte[][] Leaves = Enumerable.Range(0, MaxSize).Select(i => MerkleHashing.Leaf([(byte)i, (byte)(i * 7)])).ToArray();
    private static readonly MerkleProofs Stored = new(new StoredNodes(Leaves));

    [Fact]
    public void Known_roots_from_the_RFC_definitions()
    {
        // MTH({}) = SHA-256(""), MTH({d0}) = SHA-256(0x00 || d0), a two-leaf tree = SHA-256(0x01 || l0 || l1).
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(Stored.Root(0)));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([0, 0, 0])), Convert.ToHexStringLower(Leaves[0]));
        Assert.Equal(SHA256.HashData([1, .. Leaves[0], .. Leaves[1]]), Stored.Root(2));
    }

    [Fact]
    public void Roots_of_every_size_up_to_64_match_the_recursive_definition()
    {
        for (var n = 0; n <= MaxSize; n++)
            Assert.True(Reference.Mth(Leaves[..n]).AsSpan().SequenceEqual(Stored.Root(n)), $"root of size {n}");
    }

    [Fact]
    public void Every_inclusion_proof_matches_the_definition_and_verifies()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = Stored.Root(n);
            for (var m = 0; m < n; m++)
            {
                var path = Stored.Inclusion(m, n);
                Assert.Equal(Reference.Path(m, Leaves[..n]), path);
                Assert.True(MerkleVerification.VerifyInclusion(m, n, Leaves[m], path, root), $"leaf {m} of {n}");
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_matches_the_definition_and_verifies()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var second = Stored.Root(n);
            for (var m = 1; m <= n; m++)
            {
                var proof = Stored.Consistency(m, n);
                Assert.Equal(Reference.Proof(m, Leaves[..n]), proof);
                Assert.True(MerkleVerification.VerifyConsistency(m, n, Stored.Root(m), second, proof), $"{m} to {n}");
            }
        }
    }

    [Fact]
    public void Altered_inclusion_proofs_fail()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = Stored.Root(n);
            for (var m = 0; m < n; m++)
            {
                var path = Stored.Inclusion(m, n);
                foreach (var altered in Alterations(path))
                    Assert.False(MerkleVerification.VerifyInclusion(m, n, Leaves[m], altered, root), $"altered proof of leaf {m} of {n}");
                Assert.False(MerkleVerification.VerifyInclusion(m, n, Leaves[(m + 1) % MaxSize], path, root), $"another leaf at {m} of {n}");
                if (n > 1)
                    Assert.False(MerkleVerification.VerifyInclusion((m + 1) % n, n, Leaves[m], path, root), $"leaf {m} of {n} at another index");
            }
        }
    }

    [Fact]
    public void Altered_consistency_proofs_fail()
    {
        for (var n = 2; n <= MaxSize; n++)
        {
            var second = Stored.Root(n);
            for (var m = 1; m < n; m++)
            {
                var first = Stored.Root(m);
                var proof = Stored.Consistency(m, n);
                foreach (var altered in Alterations(proof))
                    Assert.False(MerkleVerification.VerifyConsistency(m, n, first, second, altered), $"altered proof {m} to {n}");
                Assert.False(MerkleVerification.VerifyConsistency(m, n, Flip(first), second, proof), $"another first root {m} to {n}");
                Assert.False(MerkleVerification.VerifyConsistency(m, n, first, Flip(second), proof), $"another second root {m} to {n}");
            }
        }
    }

    /// <summary>Each hash flipped in one bit, each one dropped, one appended, and the order reversed when that changes it.</summary>
    private static IEnumerable<List<byte[]>> Alterations(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            yield return proof.Select((p, j) => j == i ? Flip(p) : p).ToList();
            yield return proof.Where((_, j) => j != i).ToList();
        }
        yield return [.. proof, Leaves[0]];
        if (proof.Count > 1 && !proof[0].AsSpan().SequenceEqual(proof[^1]))
            yield return proof.Reverse().ToList();
    }

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 1;
        return copy;
    }

    private sealed class StoredNodes(byte[][] leaves) : INodeHashes
    {
        public byte[] Hash(int level, long index) => Reference.Mth(leaves[(int)(index << level)..(int)((index + 1) << level)]);
    }

    /// <summary>RFC 9162 section 2.1, word for word, over leaf hashes.</summary>
    private static class Reference
    {
        public static byte[] Mth(byte[][] d)
        {
            if (d.Length == 0)
                return SHA256.HashData([]);
            if (d.Length == 1)
                return d[0];
            var k = K(d.Length);
            return SHA256.HashData([1, .. Mth(d[..k]), .. Mth(d[k..])]);
        }

        public static List<byte[]> Path(int m, byte[][] d)
        {
            if (d.Length == 1)
                return [];
            var k = K(d.Length);
            return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
        }

        public static List<byte[]> Proof(int m, byte[][] d) => SubProof(m, d, true);

        private static List<byte[]> SubProof(int m, byte[][] d, bool b)
        {
            if (m == d.Length)
                return b ? [] : [Mth(d)];
            var k = K(d.Length);
            return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
        }

        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
                k *= 2;
            return k;
        }
    }
}
