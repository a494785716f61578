using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Client.Audit;

/// <summary>
/// The canonical bytes of a leaf (docs/audit.md, "Leaf encoding"): version 1, then the event's fields in a
/// fixed order, integers big-endian, strings UTF-8 and byte strings each after a 4-byte length.
/// </summary>
public static class LeafEncoding
{
    public const byte Version = 1;

    public static byte[] Encode(AuditedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new byte[EncodedLength(e)];
        Write(e, buffer);
        return buffer;
    }

    /// <summary>
    /// RFC 9162's leaf hash of the encoding, <c>SHA-256(0x00 || leaf)</c> (as <see cref="MerkleHashing.Leaf"/>), written
    /// into a pooled buffer: a follower hashes every event of the log.
    /// </summary>
    public static byte[] LeafHash(AuditedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var length = 1 + EncodedLength(e);
        var input = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            input[0] = MerkleHashing.LeafPrefix;
            Write(e, input.AsSpan(1, length - 1));
            return SHA256.HashData(input.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    private static int EncodedLength(AuditedEvent e) =>
        1 + 16 + 4 + Encoding.UTF8.GetByteCount(e.Stream) + 8 + 4 + Encoding.UTF8.GetByteCount(e.Type)
        + 4 + e.Data.Length + 4 + e.Metadata.Length + 8 + 8 + 8;

    private static void Write(AuditedEvent e, Span<byte> span)
    {
        span[0] = Version;
        var at = 1;
        e.EventId.TryWriteBytes(span.Slice(at, 16), bigEndian: true, out _);
        at += 16;
        at = Text(span, at, e.Stream);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], e.Revision);
        at += 8;
        at = Text(span, at, e.Type);
        at = Bytes(span, at, e.Data.Span);
        at = Bytes(span, at, e.Metadata.Span);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], e.RecordTicks);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 8)..], e.CommitPosition);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 16)..], e.PreparePosition);
    }

    private static int Text(Span<byte> span, int at, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, span[(at + 4)..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)written);
        return at + 4 + written;
    }

    private static int Bytes(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
    {
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)bytes.Length);
        bytes.CopyTo(span[(at + 4)..]);
        return at + 4 + bytes.Length;
    }
}
