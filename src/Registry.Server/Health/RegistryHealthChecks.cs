using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Server.Health;

/// <summary>
/// Health beyond "the process is up", as ASP.NET Core health checks that grpc.health.v1 reports: the service
/// "registry.projections" is NOT_SERVING while a projection has stopped on an error, "registry.publishing"
/// while a publisher cannot get its messages confirmed (broker down: it retries, its lag grows) or has stopped,
/// or while the bus is not connected; "registry.store" while the event store has no reachable leader (an
/// EventStoreDB cluster between leaders or without quorum); the server ("") is NOT_SERVING when any is. Everything turns
/// NOT_SERVING when the host begins to stop. How far behind each follower is, and why, is in Admin.GetStatus.
/// </summary>
internal static class RegistryHealthChecks
{
    public const string ProjectionsService = "registry.projections";
    public const string PublishingService = "registry.publishing";
    public const string StoreService = "registry.store";

    public static IServiceCollection AddRegistryHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ProjectionsHealthCheck>(ProjectionsService, tags: [ProjectionsService])
            .AddCheck<PublishingHealthCheck>(PublishingService, tags: [PublishingService])
            .AddCheck<StoreHealthCheck>(StoreService, tags: [StoreService]);
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map(string.Empty, _ => true);
            options.Services.Map(ProjectionsService, check => check.Tags.Contains(ProjectionsService));
            options.Services.Map(PublishingService, check => check.Tags.Contains(PublishingService));
            options.Services.Map(StoreService, check => check.Tags.Contains(StoreService));
        });
        // Watchers hear of a change within a second; the checks only read statuses kept in memory.
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.Zero;
            options.Period = TimeSpan.FromSeconds(1);
        });
        return services;
    }
}
