namespace Registry.Client.Credentials;

/// <summary>
/// The development API key an unconfigured registry on loopback generates at its first start: the key in
/// <c>&lt;data directory&gt;/development-api-key</c> (mode 0600, for the CLI), only its SHA-256 in
/// <c>development-api-key.sha256</c> (what the server trusts).
/// </summary>
public static class DevelopmentKey
{
    public const string KeyFileName = "development-api-key";
    public const string HashFileName = KeyFileName + ".sha256";

    /// <summary>The default data directory's name, relative to where the server was started.</summary>
    public const string DefaultDataDirectory = "registry-data";

    /// <summary>The key file of a registry started in <paramref name="start"/> or a folder above it, or null.</summary>
    public static string? FindUpwards(string start) =>
        Seeding.SeedFileLocator.FindUpwards(start, Path.Combine(DefaultDataDirectory, KeyFileName));
}
