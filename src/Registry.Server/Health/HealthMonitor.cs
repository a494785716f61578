using Registry.Grpc.Server.Health;
using Registry.Projections;
using Registry.Server.Projections;
using Registry.Server.Publishing;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Registry.Server.Health;

/// <summary>
/// Health beyond "the process is up": the gRPC health service reports "registry.projections" NOT_SERVING
/// while a projection has stopped on an error, and "registry.publishing" NOT_SERVING while a publisher cannot
/// get its messages confirmed (broker down: it retries, its lag grows) or has stopped, or while the bus is not
/// connected. How far behind each one is, and why, is in Admin.GetStatus.
/// </summary>
internal sealed class HealthMonitor(HealthStatuses health, ProjectionsService projections, BusHealth bus) : BackgroundService
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
            health.Set(PublishingService, IsPublishing() ? ServingStatus.Serving : ServingStatus.NotServing);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private bool IsPublishing()
    {
        var publishers = projections.Publishers;
        if (publishers.Count == 0)
            return true;
        return publishers.All(p => p.Status.State is not (ProjectionState.Retrying or ProjectionState.Faulted)) && bus.Check().Healthy;
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
