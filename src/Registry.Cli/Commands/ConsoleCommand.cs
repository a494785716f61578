using System.CommandLine;
using System.Net;
using Registry.Client.Credentials;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>console [--http-address URL]</c>: where the web console is. On this machine, with the development key a
/// registry started here wrote, also a link that signs in: the key travels in the fragment (#key=...), which
/// the browser keeps to itself; the console moves it to the tab's sessionStorage and clears the address bar.
/// </summary>
public static class ConsoleCommand
{
    public const string HttpAddressVariable = "REGISTRY_HTTP_ADDRESS";
    public const string DefaultHttpAddress = "http://127.0.0.1:50052";

    public static Command Create(CliIo io)
    {
        var httpAddress = new Option<string?>("--http-address")
        {
            Description = $"The registry's HTTP endpoint (Http:Endpoint), default {DefaultHttpAddress} or {HttpAddressVariable}",
        };
        var command = new Command("console", "Print the web console's address (and, on this machine, a link that signs in with the development key)") { httpAddress };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(httpAddress) ?? Environment.GetEnvironmentVariable(HttpAddressVariable) ?? DefaultHttpAddress;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                await io.Error.WriteLineAsync($"error: '{text}' is not an absolute address such as {DefaultHttpAddress}").ConfigureAwait(false);
                return CommandAction.Failed;
            }
            var root = new Uri(address, "/");
            await io.Out.WriteLineAsync($"Console: {root}").ConfigureAwait(false);
            if (IsLoopback(root) && DevelopmentKey.FindUpwards(Directory.GetCurrentDirectory()) is { } keyFile && Credential.Parse(await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false)) is Credential.ApiKey key)
            {
                await io.Out.WriteLineAsync($"Signed in with the development key ({keyFile}): {root}#key={Uri.EscapeDataString(key.Key)}").ConfigureAwait(false);
                await io.Out.WriteLineAsync("The link holds the key: do not share it. Anyone else signs in by pasting an API key or token.").ConfigureAwait(false);
            }
            else
            {
                await io.Out.WriteLineAsync("Sign in there by pasting an API key or bearer token (kept in the browser tab only).").ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
}
