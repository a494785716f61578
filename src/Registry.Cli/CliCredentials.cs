using System.Net;
using Registry.Client.Credentials;

namespace Registry.Cli;

/// <summary>
/// Where the CLI finds its credential. Never a flag's value (it would show in the process list): the file
/// named by --credentials-file, else REGISTRY_TOKEN (a bearer token), else REGISTRY_API_KEY, else, for a
/// registry on this machine, the development key a registry started here wrote into registry-data/.
/// </summary>
public static class CliCredentials
{
    public const string TokenVariable = "REGISTRY_TOKEN";
    public const string ApiKeyVariable = "REGISTRY_API_KEY";

    public static Credential? Resolve(string? credentialsFile, Uri address, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(credentialsFile))
            return FromFile(credentialsFile);
        if (environment(TokenVariable) is { Length: > 0 } token)
            return new Credential.Bearer(token.Trim());
        if (environment(ApiKeyVariable) is { Length: > 0 } key)
            return new Credential.ApiKey(key.Trim());
        if (IsLoopback(address) && DevelopmentKey.FindUpwards(workingDirectory) is { } developmentKey)
            return FromFile(developmentKey);
        return null;
    }

    private static Credential FromFile(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"the credentials file '{path}' does not exist");
        try
        {
            return Credential.Parse(File.ReadAllText(path));
        }
        catch (FormatException)
        {
            throw new UsageException($"the credentials file '{path}' is empty");
        }
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
}
