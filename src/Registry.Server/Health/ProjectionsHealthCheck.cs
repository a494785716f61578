using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Server.Projections;

namespace Registry.Server.Health;

/// <summary>Unhealthy while a projection has stopped on an error.</summary>
internal sealed class ProjectionsHealthCheck(ProjectionsService projections) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(projections.Engine.Statuses().FirstOrDefault(s => !s.IsHealthy) is { } stopped
            ? HealthCheckResult.Unhealthy($"Projection {stopped.Name} is {stopped.State}: {stopped.Error}")
            : HealthCheckResult.Healthy());
}
