using Registry.Grpc.Client;
using Registry.V1;

namespace Registry.Client;

/// <summary>Recording what is known: every call carries a command id, so a retried call appends nothing.</summary>
public sealed class ProgramCommandsClient(GrpcChannel channel, CallContext context)
{
    public Task<CommandResult> AnnounceProgramAsync(AnnounceProgramRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.AnnounceProgram, request, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<CommandResult> ReportClaimAsync(ReportClaimRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.ReportClaim, request, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<CommandResult> StartProductionAsync(StartProductionRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.StartProduction, request, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<CommandResult> DenyReportAsync(DenyReportRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.DenyReport, request, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<CommandResult> RankClaimAsync(RankClaimRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.RankClaim, request, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<CommandResult> RetractClaimAsync(RetractClaimRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.RetractClaim, request, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<CommandResult> SupersedeClaimAsync(SupersedeClaimRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.SupersedeClaim, request, context.ToOptions(cancellationToken)).ResponseAsync;
}
