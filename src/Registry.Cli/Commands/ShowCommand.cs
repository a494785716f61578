using Registry.V1;
using Registry.Client;
using System.CommandLine;
using Registry.Cli.Rendering;

namespace Registry.Cli.Commands;

/// <summary><c>show &lt;program-id&gt;</c>: the current state with best values, conflicts, marks and organisations.</summary>
public static class ShowCommand
{
    public static Command Create(CliIo io)
    {
        var id = new Argument<string>("program-id") { Description = "e.g. kz-tulpar-light-tank" };
        var command = new Command("show", "Show a programme: attributes (best value, conflicts, competing values), organisations, status") { id };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var program = await client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = parse.GetValue(id)! }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
                await JsonOutput.WriteAsync(io.Out, program).ConfigureAwait(false);
            else
                ProgramView.Write(io.Console(), program);
            return 0;
        });
        return command;
    }
}
