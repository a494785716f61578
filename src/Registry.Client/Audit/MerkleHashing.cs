using System.Security.Cryptography;

namespace Registry.Client.Audit;

/// <summary>RFC 9162 section 2.1.1 hashing with SHA-256: leaves are prefixed by 0x00, interior nodes by 0x01.</summary>
public static class MerkleHashing
{
    public const int HashSize = 32;

    /// <summary>What a leaf's bytes are prefixed with before hashing; an interior node's are prefixed by <see cref="NodePrefix"/>.</summary>
    public const byte LeafPrefix = 0;

    public const byte NodePrefix = 1;

    /// <summary>The root of the empty tree: the hash of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        var input = new byte[leaf.Length + 1];
        input[0] = LeafPrefix;
        leaf.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * HashSize];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1): where RFC 9162 splits a tree.</summary>
    public static long SplitPoint(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        var k = 1L;
        while (k << 1 < n)
            k <<= 1;
        return k;
    }

    public static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
