using Registry.Domain.Decisions;
using Grpc.Core;
using Registry.Server.Rpc;
using Registry.Server.Programs.Commands.Validation;
using Registry.Server.Telemetry;
using Registry.V1;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// registry.v1.ProgramCommands: validate (INVALID_ARGUMENT naming every bad field), decide, append. Domain
/// rejections are NOT_FOUND, ALREADY_EXISTS or FAILED_PRECONDITION with the reason; a stale expected version
/// is ABORTED with the current version.
/// </summary>
internal sealed class ProgramCommandsService(CommandHandler handler) : ProgramCommands.ProgramCommandsBase
{
    private static readonly AnnounceProgramValidator AnnounceRules = new();
    private static readonly ReportClaimValidator ReportRules = new();
    private static readonly StartProductionValidator StartRules = new();
    private static readonly DenyReportValidator DenyRules = new();
    private static readonly RankClaimValidator RankRules = new();
    private static readonly RetractClaimValidator RetractRules = new();
    private static readonly SupersedeClaimValidator SupersedeRules = new();

    public override Task<CommandResult> AnnounceProgram(AnnounceProgramRequest request, ServerCallContext context) =>
        RunAsync(request, AnnounceRules, context, _ => ToDomain.Command(request));

    public override Task<CommandResult> ReportClaim(ReportClaimRequest request, ServerCallContext context) =>
        RunAsync(request, ReportRules, context, _ => ToDomain.Command(request));

    public override Task<CommandResult> StartProduction(StartProductionRequest request, ServerCallContext context) =>
        RunAsync(request, StartRules, context, _ => ToDomain.Command(request));

    public override Task<CommandResult> DenyReport(DenyReportRequest request, ServerCallContext context) =>
        RunAsync(request, DenyRules, context, _ => ToDomain.Command(request));

    public override Task<CommandResult> RankClaim(RankClaimRequest request, ServerCallContext context) =>
        RunAsync(request, RankRules, context, actor => ToDomain.Command(request, actor));

    public override Task<CommandResult> RetractClaim(RetractClaimRequest request, ServerCallContext context) =>
        RunAsync(request, RetractRules, context, actor => ToDomain.Command(request, actor));

    public override Task<CommandResult> SupersedeClaim(SupersedeClaimRequest request, ServerCallContext context) =>
        RunAsync(request, SupersedeRules, context, actor => ToDomain.Command(request, actor));

    private async Task<CommandResult> RunAsync<TRequest>(TRequest request, CommandRequestValidator<TRequest> rules, ServerCallContext context,
        Func<string, IProgramCommand> toCommand) where TRequest : IProgramCommandRequest
    {
        using var measured = CommandMeasurement.Start(context.Method);
        FluentValidation.Results.ValidationResult? failures;
        using (CommandSpans.StartValidate())
            failures = rules.Failures(request);
        if (failures is not null)
        {
            measured.Outcome = "invalid";
            throw InvalidRequest.From(failures);
        }

        var caller = Caller.Of(context);
        var outcome = await handler.ExecuteAsync(toCommand(caller.Actor),
            new CommandContext(request.CommandId, request.ExpectedVersion, caller.Actor, caller.CorrelationId ?? request.CommandId, caller.TraceParent),
            context.CancellationToken);
        measured.Outcome = CommandMeasurement.OutcomeOf(outcome);
        return outcome switch
        {
            CommandOutcome.Done done => Result(done),
            CommandOutcome.Rejected rejected => throw Rejection(rejected),
            CommandOutcome.VersionConflict conflict => throw new RpcException(new Status(StatusCode.Aborted, conflict.Expected is { } expected
                ? $"The programme is at version {(conflict.Current is { } current ? current : "none (it does not exist)")}, not {expected}; read it again and retry."
                : $"Other writers kept changing the programme (now at version {conflict.Current}); retry.")),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    private static CommandResult Result(CommandOutcome.Done done)
    {
        var result = new CommandResult { ProgramId = done.ProgramId, Version = done.Version, Position = ToProto.Position(done.Position), Repeated = done.Repeated };
        result.EventIds.AddRange(done.EventIds.Select(id => id.ToString()));
        return result;
    }

    private static Exception Rejection(CommandOutcome.Rejected rejected) => rejected.Kind switch
    {
        RejectionKind.NotFound => new RpcException(new Status(StatusCode.NotFound, rejected.Reason)),
        RejectionKind.AlreadyExists => new RpcException(new Status(StatusCode.AlreadyExists, rejected.Reason)),
        _ => new RuleViolatedException(rejected.Reason),
    };
}
