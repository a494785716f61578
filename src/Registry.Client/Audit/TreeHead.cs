using System.Buffers.Binary;
using System.Security.Cryptography;


namespace Registry.Client.Audit;

/// <summary>
/// A tree head: the tree's size and root, when it was signed (Unix milliseconds) and the log position of its
/// last leaf. <see cref="SignedBytes"/> is what the registry's ECDSA P-256 key signs (docs/audit.md, "Tree heads").
/// </summary>
public sealed record TreeHead(long TreeSize, byte[] RootHash, long TimestampMs, ulong CommitPosition, ulong PreparePosition)
{
    public static ReadOnlySpan<byte> Context => "registry-tree-head-v1\n"u8;

    public byte[] SignedBytes()
    {
        var buffer = new byte[Context.Length + 8 + MerkleHashing.HashSize + 8 + 8 + 8];
        var span = buffer.AsSpan();
        Context.CopyTo(span);
        var at = Context.Length;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], TreeSize);
        RootHash.CopyTo(span[(at + 8)..]);
        at += 8 + MerkleHashing.HashSize;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], TimestampMs);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 8)..], CommitPosition);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 16)..], PreparePosition);
        return buffer;
    }

    /// <summary>A DER-encoded (RFC 3279) ECDSA signature over SHA-256 of <see cref="SignedBytes"/>.</summary>
    public bool Verify(ECDsa publicKey, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.VerifyData(SignedBytes(), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public byte[] Sign(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return privateKey.SignData(SignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo: names the key in heads and bundles.</summary>
    public static string Fingerprint(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public static ECDsa ReadPublicKeyPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    public override string ToString() => $"size {TreeSize}, root {Convert.ToHexStringLower(RootHash)}";
}
