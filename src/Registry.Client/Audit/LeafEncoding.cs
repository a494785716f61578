using System.Buffers.Binary;
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
        var stream = Encoding.UTF8.GetBytes(e.Stream);
        var type = Encoding.UTF8.GetBytes(e.Type);
        var buffer = new byte[1 + 16 + 4 + stream.Length + 8 + 4 + type.Length + 4 + e.Data.Length + 4 + e.Metadata.Length + 8 + 8 + 8];
        var span = buffer.AsSpan();
        span[0] = Version;
        var at = 1;
        e.EventId.TryWriteBytes(span.Slice(at, 16), bigEndian: true, out _);
        at += 16;
        at = Bytes(span, at, stream);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], e.Revision);
        at += 8;
        at = Bytes(span, at, type);
        at = Bytes(span, at, e.Data.Span);
        at = Bytes(span, at, e.Metadata.Span);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], e.RecordTicks);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 8)..], e.CommitPosition);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 16)..], e.PreparePosition);
        return buffer;
    }

    public static byte[] LeafHash(AuditedEvent e) => MerkleHashing.Leaf(Encode(e));

    private static int Bytes(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
    {
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)bytes.Length);
        bytes.CopyTo(span[(at + 4)..]);
        return at + 4 + bytes.Length;
    }
}
