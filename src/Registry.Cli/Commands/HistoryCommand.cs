using Registry.V1;
using Registry.Client;
using System.CommandLine;
using System.Globalization;
using Registry.Cli.Rendering;
using Spectre.Console;

namespace Registry.Cli.Commands;

/// <summary><c>history &lt;program-id&gt;</c>: every event with record time, who and what.</summary>
public static class HistoryCommand
{
    public static Command Create(CliIo io)
    {
        var id = new Argument<string>("program-id");
        var command = new Command("history", "Every event of a programme: revision, log position, record time, actor, type, summary") { id };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var table = ProgramView.Table("rev", "position", "recorded at (UTC)", "actor", "type", "summary");
            using var call = client.Queries.GetProgramHistory(new GetProgramHistoryRequest { ProgramId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            await foreach (var entry in call.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (json)
                    await JsonOutput.WriteAsync(io.Out, entry).ConfigureAwait(false);
                else
                    table.AddRow(ProgramView.Cells(entry.Revision.ToString(CultureInfo.InvariantCulture), Formats.Position(entry.Position),
                        entry.RecordedAt?.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "", entry.Actor, entry.Type, entry.Summary));
            }
            if (!json)
                io.Console().Write(table);
            return 0;
        });
        return command;
    }
}
