using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Projections;
using Registry.Server.Auth;
using Registry.Server.Hosting;
using Registry.Server.Storage;

namespace Registry.Server.Audit;

internal static class AuditServices
{
    /// <summary>The Merkle tree projection, the signing key, the head signer and the Audit service (section "Audit").</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration, GrpcEndpointOptions endpoint, StorageOptions storage)
    {
        var options = configuration.GetSection("Audit").Get<AuditOptions>() ?? new AuditOptions();
        services.AddSingleton(options);
        services.AddSingleton(_ => SigningKey.Load(options, storage.DataDirectory, AuthServices.IsLoopback(endpoint.Address)));
        services.AddSingleton<ISqliteProjection, MerkleTreeProjection>();
        services.AddSingleton<SignedHeads>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TreeHeadSigner>();
        services.AddHostedService(provider => provider.GetRequiredService<TreeHeadSigner>());
        services.AddSingleton<LogVerifier>();
        services.AddSingleton<ReplayChecker>();
        services.AddSingleton<AuditService>();
        return services;
    }
}
