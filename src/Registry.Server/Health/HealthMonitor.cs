using Registry.Grpc.Server.Health;
using Registry.Projections;
using Registry.Server.Projections;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Registry.Server.Health;

/// <summary>
/// Health beyond "the process is up": the gRPC health service reports "registry.projections" NOT_SERVING
/// while a projection has stopped on an error, and "registry.publishing" NOT_SERVING while a publisher cannot
/// reach the bus or has stopped. Their lag against the head of the log is in Admin.GetStatus.
/// </summary>
internal sealed class HealthMonitor(HealthStatuses health, ProjectionsService projections) : BackgroundService
{
    public const string ProjectionsService = "registry.projections";
    public const string PublishingService = "registry.publishing";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            health.Set(ProjectionsService, projections.Engine.Statuses().All(s => s.IsHealthy) ? ServingStatus.Serving : ServingStatus.NotServing);
            health.Set(PublishingService, projections.Publishers.All(p => p.Status.State is not (ProjectionState.Retrying or ProjectionState.Faulted))
                ? ServingStatus.Serving
                : ServingStatus.NotServing);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
