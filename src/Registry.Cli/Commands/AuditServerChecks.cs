using System.CommandLine;
using Registry.Cli.Rendering;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary><c>audit verify-log</c> and <c>audit replay</c>: the server's own checks (Audit.VerifyLog, Audit.ReplayCheck).</summary>
public static class AuditServerChecks
{
    public static Command VerifyLog(CliIo io)
    {
        var command = new Command("verify-log", "Recompute the tree from the log and compare it with the recorded leaves and every signed head (admin)");
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var result = await client.Audit.VerifyLogAsync(new VerifyLogRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
                await JsonOutput.WriteAsync(io.Out, result).ConfigureAwait(false);
            if (result.FirstDifference is { } d)
                await io.Error.WriteLineAsync($"FAILED: first differing leaf {d.LeafIndex}, event {d.EventId} ({d.Stream}@{d.Revision}): {d.Reason}").ConfigureAwait(false);
            foreach (var head in result.HeadFailures)
                await io.Error.WriteLineAsync($"FAILED: signed head of size {head.TreeSize}: {head.Reason}").ConfigureAwait(false);
            if (!parse.GetValue(GlobalOptions.Json))
                await io.Out.WriteLineAsync($"{(result.Ok ? "verified" : "NOT verified")}: {result.LeavesChecked} leaves recomputed, {result.HeadsChecked} signed heads checked").ConfigureAwait(false);
            return result.Ok ? 0 : AuditCommand.NotVerified;
        });
        return command;
    }

    public static Command Replay(CliIo io)
    {
        var command = new Command("replay", "Rebuild every programme from the log at the read model's position and compare it with the read model");
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var result = await client.Audit.ReplayCheckAsync(new ReplayCheckRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
                await JsonOutput.WriteAsync(io.Out, result).ConfigureAwait(false);
            foreach (var difference in result.Differences)
                await io.Error.WriteLineAsync($"DIFFERS: {difference.ProgramId}: {difference.Reason}").ConfigureAwait(false);
            if (!parse.GetValue(GlobalOptions.Json))
                await io.Out.WriteLineAsync($"{(result.Ok ? "identical" : "NOT identical")}: {result.ProgramsChecked} programmes at position {Formats.Position(result.Position)}").ConfigureAwait(false);
            return result.Ok ? 0 : AuditCommand.NotVerified;
        });
        return command;
    }
}
