using System.CommandLine;
using Registry.Cli.Rendering;
using Registry.Client;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>correct rank|retract|supersede</c>: operators' corrections. Nothing is edited: each appends an event naming the
/// operator (the principal the credential proves), the reason and the claim it corrects.
/// </summary>
public static class CorrectCommand
{
    private static readonly Argument<string> ProgramId = new("program-id");
    private static readonly Argument<string> ClaimId = new("claim-id") { Description = "The claim corrected" };
    private static readonly Option<string> Reason = new("--reason") { Description = "Why (recorded with the correction)", Required = true };
    private static readonly Option<string?> CommandId = new("--command-id") { Description = "Idempotency key; repeat it to retry safely (default: a new one)" };
    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Fail with ABORTED unless the programme is at this version" };

    public static Command Create(CliIo io)
    {
        var command = new Command("correct", "Corrections by operators: re-rank, retract or supersede a claim");
        command.Subcommands.Add(Rank(io));
        command.Subcommands.Add(Retract(io));
        command.Subcommands.Add(Supersede(io));
        return command;
    }

    private static Command Rank(CliIo io)
    {
        var rank = new Option<string>("--rank") { Description = "preferred, normal or deprecated", Required = true };
        var command = new Command("rank", "Re-rank a claim (preferred / normal / deprecated)") { ProgramId, ClaimId, rank, Reason, CommandId, ExpectedVersion };
        CommandAction.Set(command, io, (parse, client, cancellationToken) => SendAsync(io, parse, client.Commands.RankClaimAsync(new RankClaimRequest
        {
            CommandId = NewCommandId(parse), ProgramId = parse.GetValue(ProgramId)!, ExpectedVersion = parse.GetValue(ExpectedVersion),
            ClaimId = parse.GetValue(ClaimId)!, Rank = Names.Parse<V1.Rank>(parse.GetValue(rank)!, "--rank"), Reason = parse.GetValue(Reason)!,
        }, cancellationToken: cancellationToken).ResponseAsync));
        return command;
    }

    private static Command Retract(CliIo io)
    {
        var command = new Command("retract", "Retract a claim entered in error") { ProgramId, ClaimId, Reason, CommandId, ExpectedVersion };
        CommandAction.Set(command, io, (parse, client, cancellationToken) => SendAsync(io, parse, client.Commands.RetractClaimAsync(new RetractClaimRequest
        {
            CommandId = NewCommandId(parse), ProgramId = parse.GetValue(ProgramId)!, ExpectedVersion = parse.GetValue(ExpectedVersion),
            ClaimId = parse.GetValue(ClaimId)!, Reason = parse.GetValue(Reason)!,
        }, cancellationToken: cancellationToken).ResponseAsync));
        return command;
    }

    private static Command Supersede(CliIo io)
    {
        var replacement = new ReplacementOptions();
        var command = new Command("supersede", "Supersede a claim with a corrected attribute claim (value and provenance)") { ProgramId, ClaimId, Reason, CommandId, ExpectedVersion };
        replacement.AddTo(command);
        CommandAction.Set(command, io, (parse, client, cancellationToken) =>
        {
            var claimId = parse.GetValue(ClaimId)!;
            var request = new SupersedeClaimRequest
            {
                CommandId = NewCommandId(parse), ProgramId = parse.GetValue(ProgramId)!, ExpectedVersion = parse.GetValue(ExpectedVersion),
                ClaimId = claimId, Reason = parse.GetValue(Reason)!, Attribute = replacement.Read(parse, claimId),
            };
            return SendAsync(io, parse, client.Commands.SupersedeClaimAsync(request, cancellationToken: cancellationToken).ResponseAsync);
        });
        return command;
    }

    private static string NewCommandId(ParseResult parse) => parse.GetValue(CommandId) is { Length: > 0 } id ? id : $"cli:{Guid.NewGuid():N}";

    private static async Task<int> SendAsync(CliIo io, ParseResult parse, Task<CommandResult> call)
    {
        var result = await call.ConfigureAwait(false);
        if (parse.GetValue(GlobalOptions.Json))
            await JsonOutput.WriteAsync(io.Out, result).ConfigureAwait(false);
        else
            await io.Out.WriteLineAsync($"{result.ProgramId} at version {result.Version}, log position {Formats.Position(result.Position)}" +
                (result.Repeated ? " (repeated command: nothing appended)" : "")).ConfigureAwait(false);
        return 0;
    }
}
