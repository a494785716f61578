using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Projections;
using Registry.Server.Projections;
using Registry.Server.Publishing;

namespace Registry.Server.Health;

/// <summary>Unhealthy while a publisher retries or has stopped, or while the bus is not connected; healthy on an instance that does not publish.</summary>
internal sealed class PublishingHealthCheck(ProjectionsService projections, BusHealth bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var publishers = projections.Publishers;
        if (publishers.Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy("Publishing is off on this instance."));
        if (publishers.FirstOrDefault(p => p.Status.State is ProjectionState.Retrying or ProjectionState.Faulted) is { } stuck)
            return Task.FromResult(HealthCheckResult.Unhealthy($"Publisher {stuck.Status.Name} is {stuck.Status.State}: {stuck.Status.Error}"));
        var health = bus.Check();
        return Task.FromResult(health.Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(health.Description));
    }
}
