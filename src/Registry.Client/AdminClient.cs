using Registry.Grpc.Client;
using Registry.V1;

namespace Registry.Client;

/// <summary>Operating the registry: projection and publisher status, rebuilds.</summary>
public sealed class AdminClient(GrpcChannel channel, CallContext context)
{
    public Task<GetStatusResponse> GetStatusAsync(CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.GetStatus, new GetStatusRequest(), context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<RebuildProjectionResponse> RebuildProjectionAsync(string name, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.RebuildProjection, new RebuildProjectionRequest { Name = name }, context.ToOptions(cancellationToken)).ResponseAsync;
}
