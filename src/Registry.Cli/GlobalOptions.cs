using System.CommandLine;
using Registry.Client;

namespace Registry.Cli;

/// <summary>Options every command takes: where the registry is, the credential, JSON output.</summary>
public static class GlobalOptions
{
    public const string DefaultAddress = "http://127.0.0.1:50051";

    public static readonly Option<Uri> Address = new("--address")
    {
        Description = $"The registry's gRPC address (env REGISTRY_ADDRESS; default {DefaultAddress})",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("REGISTRY_ADDRESS") is { Length: > 0 } env ? env : DefaultAddress),
        CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) ? uri : FailUri(result),
        Recursive = true,
    };

    public static readonly Option<FileInfo?> CredentialsFile = new("--credentials-file")
    {
        Description = $"A file holding the bearer token or API key (else env {CliCredentials.TokenVariable} or {CliCredentials.ApiKeyVariable}; " +
            "else, for a registry on this machine, registry-data/development-api-key in this folder or above)",
        Recursive = true,
    };

    public static readonly Option<string?> CorrelationId = new("--correlation-id")
    {
        Description = "Sent as x-correlation-id and recorded with the events",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the protobuf messages as JSON (one per line) for scripts",
        Recursive = true,
    };

    public static IReadOnlyList<Option> All { get; } = [Address, CredentialsFile, CorrelationId, Json];

    public static RegistryClient Connect(ParseResult parse)
    {
        var address = parse.GetValue(Address)!;
        var credential = CliCredentials.Resolve(parse.GetValue(CredentialsFile)?.FullName, address, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
        return RegistryClient.Connect(address, new CallContext(credential, parse.GetValue(CorrelationId)));
    }

    private static Uri FailUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{result.Tokens[0].Value}' is not an absolute address such as {DefaultAddress}.");
        return null!;
    }
}
