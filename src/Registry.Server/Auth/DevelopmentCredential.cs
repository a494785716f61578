using Registry.Client.Credentials;
using Registry.Server.Hosting;

namespace Registry.Server.Auth;

/// <summary>
/// The key of a registry run with no Auth configured, on loopback only: made at the first start, its hash kept
/// in the data directory (what the server trusts) and the key itself in a file only the user can read (what
/// the CLI reads). Later starts reuse the hash; deleting both files makes a new key.
/// </summary>
internal static class DevelopmentCredential
{
    public const string PrincipalName = "local-developer";

    public sealed record Files(string KeyFile, string HashFile, string Hash, bool Created);

    public static Files Ensure(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var keyFile = Path.Combine(dataDirectory, DevelopmentKey.KeyFileName);
        var hashFile = Path.Combine(dataDirectory, DevelopmentKey.HashFileName);
        if (File.Exists(hashFile))
            return new Files(keyFile, hashFile, File.ReadAllText(hashFile).Trim(), Created: false);

        var key = ApiKeys.NewKey();
        WholeFile.Write(keyFile, key + Environment.NewLine, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WholeFile.Write(hashFile, ApiKeys.HashOf(key) + Environment.NewLine, null);
        return new Files(keyFile, hashFile, ApiKeys.HashOf(key), Created: true);
    }

    public static ApiKeyTable.Entry Entry(Files files) =>
        new(PrincipalName, files.Hash, Roles.Expand(Roles.All), Revoked: false);
}
