using System.CommandLine;
using System.Globalization;
using Registry.Cli.Rendering;
using Registry.V1;
using Spectre.Console;

namespace Registry.Cli.Commands;

/// <summary><c>timeline &lt;program-id&gt;</c>: every dated claim in valid-time order, with the other two clocks, its source and its fate.</summary>
public static class TimelineCommand
{
    public static Command Create(CliIo io)
    {
        var id = new Argument<string>("program-id");
        var command = new Command("timeline", "A programme in valid time: what was announced, planned, started, delivered, when, by whose account") { id };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var timeline = await client.Queries.GetProgramTimelineAsync(new GetProgramTimelineRequest { ProgramId = parse.GetValue(id)! },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await JsonOutput.WriteAsync(io.Out, timeline).ConfigureAwait(false);
                return 0;
            }
            var table = ProgramView.Table("valid", "claim", "value", "source", "published", "recorded", "position", "fate");
            foreach (var entry in timeline.Entries)
            {
                var claim = entry.Claim;
                table.AddRow(ProgramView.Cells(
                    claim.ValidTime is null ? "no date" : Formats.Date(claim.ValidTime),
                    claim.Stage != LifecycleStage.Unspecified ? Names.Of(claim.Stage) : claim.Attribute,
                    Formats.Value(claim.Value),
                    Formats.Source(claim.Provenance),
                    claim.Provenance?.Published is { } published ? Formats.Date(published) : "unknown",
                    claim.RecordedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "",
                    Formats.Position(entry.Position),
                    entry.FateNote.Length > 0 ? $"{Fate(entry.Fate)}: {entry.FateNote}" : Fate(entry.Fate)));
            }
            var console = io.Console();
            console.WriteLine($"{timeline.Name} ({timeline.ProgramId}), version {timeline.Version}");
            console.Write(table);
            return 0;
        });
        return command;
    }

    private static string Fate(ClaimFate fate) => Names.Of(fate).Replace("claim_fate_", "", StringComparison.Ordinal);
}
