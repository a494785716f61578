using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Registry.Client.Audit;

namespace Registry.Server.Tests.Audit;

/// <summary>
/// The leaf hash a follower computes without copying the encoding equals SHA-256(0x00 || encoding), and the
/// encoding has the layout docs/audit.md gives, for names whose UTF-8 takes more bytes than characters.
/// </summary>
public sealed class LeafEncodingTests
{
    [Theory]
    [InlineData("program-tulpar", "AttributeReported.v1", 600, 180)]
    [InlineData("program-çelik-ßüd", "ÄnderungGemeldet.v1", 0, 0)]
    [InlineData("p", "t", 70_000, 3)]
    public void The_leaf_hash_is_the_hash_of_the_prefixed_encoding(string stream, string type, int dataLength, int metadataLength)
    {
        var e = new AuditedEvent(Guid.NewGuid(), stream, 42, type, Bytes(dataLength, 3), Bytes(metadataLength, 5), 638_000_000_000_000_000, 1234, 1230);
        var encoding = LeafEncoding.Encode(e);

        Assert.Equal(SHA256.HashData([0, .. encoding]), LeafEncoding.LeafHash(e));
        Assert.Equal(MerkleHashing.Leaf(encoding), LeafEncoding.LeafHash(e));

        // Version, id, then the stream as its UTF-8 length and bytes, the revision, the type likewise.
        var streamBytes = Encoding.UTF8.GetBytes(stream);
        Assert.Equal(LeafEncoding.Version, encoding[0]);
        Assert.Equal((uint)streamBytes.Length, BinaryPrimitives.ReadUInt32BigEndian(encoding.AsSpan(17)));
        Assert.Equal(streamBytes, encoding.AsSpan(21, streamBytes.Length).ToArray());
        Assert.Equal(42, BinaryPrimitives.ReadInt64BigEndian(encoding.AsSpan(21 + streamBytes.Length)));
        var typeBytes = Encoding.UTF8.GetBytes(type);
        Assert.Equal(1 + 16 + 4 + streamBytes.Length + 8 + 4 + typeBytes.Length + 4 + dataLength + 4 + metadataLength + 24, encoding.Length);
    }

    private static byte[] Bytes(int length, int seed) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * seed))];
}
