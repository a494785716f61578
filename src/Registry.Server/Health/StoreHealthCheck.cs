using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.EventStore;

namespace Registry.Server.Health;

/// <summary>
/// Unhealthy while the event store cannot serve calls (an EventStoreDB cluster with no reachable leader). The
/// embedded SQLite log lives in the process: healthy while the process runs.
/// </summary>
internal sealed class StoreHealthCheck(IEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store is not IStoreHealth health)
            return HealthCheckResult.Healthy("The event log is embedded in this process.");
        var reachability = await health.CheckReachableAsync(cancellationToken);
        return reachability.Reachable ? HealthCheckResult.Healthy(reachability.Description) : HealthCheckResult.Unhealthy(reachability.Description);
    }
}
