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

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes: what configuration holds.</summary>
    public static string HashOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
