using System.CommandLine;
using Registry.Client.Credentials;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>new-api-key</c>: makes a random API key and prints it once with the settings that make the registry
/// accept it (its SHA-256 and roles); the registry itself never sees the key. Talks to no server.
/// </summary>
public static class NewApiKeyCommand
{
    private static readonly Option<string> Name = new("--name") { Description = "The principal the key proves (recorded as the actor)", Required = true };
    private static readonly Option<string> RoleList = new("--roles") { Description = "Comma-separated: reader, auditor, editor, operator, admin", Required = true };

    public static Command Create(CliIo io)
    {
        var command = new Command("new-api-key", "Make an API key: prints the key (give it to the caller) and its hash (give it to the registry)") { Name, RoleList };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(Name)!;
            var key = ApiKeys.NewKey();
            var variable = $"REGISTRY_Auth__ApiKeys__{name}";
            await io.Out.WriteLineAsync($"key (shown once; keep it in a file or {CliCredentials.ApiKeyVariable}): {key}").ConfigureAwait(false);
            await io.Out.WriteLineAsync("registry settings:").ConfigureAwait(false);
            await io.Out.WriteLineAsync($"{variable}__Hash={ApiKeys.HashOf(key)}").ConfigureAwait(false);
            await io.Out.WriteLineAsync($"{variable}__Roles={parse.GetValue(RoleList)}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
