using System.Security.Cryptography;
using System.Text;

namespace Registry.Client.Credentials;

/// <summary>
/// API keys: 256 random bits, and the SHA-256 the server keeps instead of the key. A salt would add nothing:
/// nobody can guess 256 random bits, so the hash cannot be reversed by trying keys.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "rk_";

    /// <summary>A new random key, e.g. <c>rk_3q2+…</c> in base64url.</summary>
    public static string NewKey() =>
        Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The length of <see cref="HashOf"/>: 64 hex digits.</summary>
    public const int HashLength = SHA256.HashSizeInBytes * 2;

    // Keys this long or shorter are hashed in stack buffers (the registry's own keys are 46 characters).
    private const int StackHashedKeyLength = 128;

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes: what configuration holds.</summary>
    public static string HashOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<char> hash = stackalloc char[HashLength];
        WriteHash(key, hash);
        return new string(hash);
    }

    /// <summary>
    /// <see cref="HashOf"/> written into <paramref name="hash"/> (<see cref="HashLength"/> characters). A server hashes
    /// the key of every call: for keys of up to 128 characters this allocates nothing.
    /// </summary>
    public static void WriteHash(ReadOnlySpan<char> key, Span<char> hash)
    {
        Span<byte> utf8 = key.Length <= StackHashedKeyLength
            ? stackalloc byte[StackHashedKeyLength * 3]
            : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Convert.TryToHexStringLower(digest, hash, out _);
    }
}
