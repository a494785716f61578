using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Registry.Cli.Rendering;
using Spectre.Console;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary><c>as-of &lt;program-id&gt; --at 2026-01-01T00:00:00Z | --position 42</c>: the programme as the registry held it then.</summary>
public static class AsOfCommand
{
    public static Command Create(CliIo io)
    {
        var id = new Argument<string>("program-id");
        var at = new Option<DateTimeOffset?>("--at") { Description = "Record time, ISO 8601 (e.g. 2026-11-22T10:00:00Z)" };
        var position = new Option<ulong?>("--position") { Description = "Log position (commit)" };
        var command = new Command("as-of", "A programme as the registry held it at a past record time or log position") { id, at, position };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(at) is null) == (result.GetValue(position) is null))
                result.AddError("Give exactly one of --at and --position.");
        });
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var request = new GetProgramAsOfRequest { ProgramId = parse.GetValue(id)! };
            if (parse.GetValue(at) is { } time)
                request.RecordedAt = Timestamp.FromDateTimeOffset(time);
            else
                request.Position = new LogPosition { Commit = parse.GetValue(position)!.Value, Prepare = parse.GetValue(position)!.Value };
            var program = await client.Queries.GetProgramAsOfAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await JsonOutput.WriteAsync(io.Out, program).ConfigureAwait(false);
                return 0;
            }
            var console = io.Console();
            console.WriteLine(request.RecordedAt is { } t
                ? $"As of {t.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture)} (record time)"
                : $"As of log position {request.Position.Commit}");
            ProgramView.Write(console, program);
            return 0;
        });
        return command;
    }
}
