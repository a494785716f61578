using System.Security.Cryptography;
using System.Text;

namespace Registry.Projections.Publishing;

/// <summary>
/// Message ids derived from event ids, so that a message published again after a crash carries the same id
/// and a subscriber can recognise it: a name-based (version 5) UUID of the event id and the message type.
/// </summary>
public static class MessageIds
{
    private static readonly byte[] Namespace = Guid.Parse("5d3c7a61-0b7e-4a8f-9f0e-6a2b1c9d4e33").ToByteArray(bigEndian: true);

    public static Guid Derive(Guid eventId, string messageType)
    {
        var name = Encoding.UTF8.GetBytes(messageType);
        var input = new byte[Namespace.Length + 16 + name.Length];
        Namespace.CopyTo(input, 0);
        eventId.ToByteArray(bigEndian: true).CopyTo(input, Namespace.Length);
        name.CopyTo(input, Namespace.Length + 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 name-based UUIDs are defined with; no security rests on it.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
