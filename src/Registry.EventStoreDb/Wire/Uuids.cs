using System.Buffers.Binary;

namespace Registry.EventStoreDb.Wire;

/// <summary>
/// Event ids on the wire: either the canonical string or two signed 64-bit halves of the big-endian
/// (RFC 4122) byte order, the layout of Java's UUID.
/// </summary>
public static class Uuids
{
    public static UUID Structured(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[..8]),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    public static UUID AsString(Guid id) => new() { String = id.ToString("D") };

    /// <summary>The id, or a <see cref="FormatException"/> naming what is wrong with it.</summary>
    public static Guid ToGuid(UUID? uuid)
    {
        switch (uuid?.ValueCase)
        {
            case UUID.ValueOneofCase.String:
                return Guid.TryParse(uuid.String, out var parsed) ? parsed : throw new FormatException($"'{uuid.String}' is not a UUID.");
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes[..8], uuid.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], uuid.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            default:
                throw new FormatException("The UUID has no value.");
        }
    }
}
