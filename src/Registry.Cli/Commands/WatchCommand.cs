using Registry.Client;
using System.CommandLine;
using Registry.Cli.Rendering;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary><c>watch [--program id ...] [--after position]</c>: current states, then every change until Ctrl+C.</summary>
public static class WatchCommand
{
    public static Command Create(CliIo io)
    {
        var programs = new Option<string[]>("--program") { Description = "Only these programmes (repeatable)", AllowMultipleArgumentsPerToken = true };
        var after = new Option<ulong?>("--after") { Description = "Resume after this log position (changes only)" };
        var command = new Command("watch", "Follow programme updates: the current state of each, then every change") { programs, after };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var request = new WatchProgramsRequest();
            request.ProgramIds.AddRange(parse.GetValue(programs) ?? []);
            if (parse.GetValue(after) is { } position)
                request.After = new LogPosition { Commit = position, Prepare = position };
            var json = parse.GetValue(GlobalOptions.Json);
            try
            {
                using var call = client.Queries.WatchPrograms(request, cancellationToken: cancellationToken);
                await foreach (var update in call.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (json)
                        await JsonOutput.WriteAsync(io.Out, update).ConfigureAwait(false);
                    else
                        await io.Out.WriteLineAsync(Line(update)).ConfigureAwait(false);
                    await io.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends a watch normally.
            }
            return 0;
        });
        return command;
    }

    private static string Line(ProgramUpdate update)
    {
        var p = update.Program;
        var cause = update.EventType.Length == 0 ? "current" : update.EventType;
        return $"{Formats.Position(update.Position),8}  {cause,-28} {p.Id}  status {Names.Of(p.Status)}, version {p.Version}, {p.Attributes.Count(a => a.Conflict)} conflict(s)";
    }
}
