using System.CommandLine;
using System.Text.Json;
using Registry.Client.Seeding;

namespace Registry.Cli.Commands;

/// <summary><c>load &lt;seed-file&gt;</c>: a registry-seed/1 file through the API; safe to repeat (nothing is appended twice).</summary>
public static class LoadCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliIo io)
    {
        var file = new Argument<FileInfo>("seed-file") { Description = "A registry-seed/1 file, e.g. data/seed/registry-seed.json" };
        var command = new Command("load", "Load a seed file through the gRPC API (idempotent: loading twice appends nothing)") { file };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var result = await new SeedLoader(client.Commands).LoadAsync(parse.GetValue(file)!.FullName, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await io.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
            }
            else
            {
                await io.Out.WriteLineAsync(result.ToString()).ConfigureAwait(false);
                foreach (var failure in result.Failures)
                    await io.Error.WriteLineAsync($"failed: {failure}").ConfigureAwait(false);
            }
            return result.Failed == 0 ? 0 : CommandAction.Failed;
        });
        return command;
    }
}
