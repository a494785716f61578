using System.CommandLine;
using Registry.Cli.Rendering;
using Registry.Client;
using Grpc.Core;

namespace Registry.Cli;

/// <summary>Runs a command against the registry; a failed call prints its status, message and field violations and exits 1.</summary>
public static class CommandAction
{
    public const int Failed = 1;

    public static void Set(Command command, CliIo io, Func<ParseResult, RegistryClient, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var client = GlobalOptions.Connect(parse);
                return await action(parse, client, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException error)
            {
                await ErrorReport.WriteAsync(io.Error, error).ConfigureAwait(false);
                return Failed;
            }
            catch (Exception error) when (error is HttpRequestException or IOException or InvalidDataException or System.Text.Json.JsonException or UsageException)
            {
                await io.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                return Failed;
            }
        });
    }
}

/// <summary>A mistake in how a command was called that the parser cannot see (an unknown enum word, a missing pair).</summary>
public sealed class UsageException(string message) : Exception(message);
