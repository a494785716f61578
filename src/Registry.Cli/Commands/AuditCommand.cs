using System.CommandLine;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>audit</c>: signed tree heads, export bundles and their offline verification, consistency with a saved
/// head, and the server's own checks. Every subcommand exits 0 only when everything verifies.
/// </summary>
public static class AuditCommand
{
    /// <summary>Something did not verify (a call that failed exits with <see cref="CommandAction.Failed"/> too).</summary>
    public const int NotVerified = 2;

    public static Command Create(CliIo io)
    {
        var command = new Command("audit", "Prove the history: signed tree heads, export and offline verification, consistency, the server's checks");
        command.Subcommands.Add(AuditHeadCommand.Create(io));
        command.Subcommands.Add(AuditExportCommand.Create(io));
        command.Subcommands.Add(AuditVerifyCommand.Create(io));
        command.Subcommands.Add(AuditCheckCommand.Create(io));
        command.Subcommands.Add(AuditServerChecks.VerifyLog(io));
        command.Subcommands.Add(AuditServerChecks.Replay(io));
        return command;
    }
}
