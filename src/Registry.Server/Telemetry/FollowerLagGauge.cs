using System.Diagnostics.Metrics;
using Registry.Projections;
using Registry.Projections.Telemetry;
using Registry.Server.Projections;

namespace Registry.Server.Telemetry;

/// <summary>
/// "registry.follower.lag": log positions between each follower's checkpoint and the head it last saw (events
/// on the embedded store). Observed from this host's followers, on a meter of this host's (a meter of the
/// process would outlive the host and report followers that no longer run).
/// </summary>
internal sealed class FollowerLagGauge
{
    public FollowerLagGauge(IMeterFactory meters, ProjectionsService projections)
    {
        var meter = meters.Create(RegistryTelemetry.Name);
        meter.CreateObservableGauge("registry.follower.lag", () => Observe(projections), "{position}",
            "Log positions between a follower's checkpoint and the head of the log, by follower and kind");
    }

    private static IEnumerable<Measurement<long>> Observe(ProjectionsService projections)
    {
        IReadOnlyList<ProjectionStatus> statuses;
        try
        {
            statuses = projections.Engine.Statuses();
        }
        catch (InvalidOperationException)
        {
            yield break; // not started yet, or stopped
        }
        foreach (var status in statuses.Where(s => s.State != ProjectionState.Rebuilding))
            yield return Lag(status, "projection");
        foreach (var publisher in projections.Publishers)
            yield return Lag(publisher.Status, "publisher");
    }

    private static Measurement<long> Lag(ProjectionStatus status, string kind) => new((long)Math.Min(status.Lag, long.MaxValue),
        new KeyValuePair<string, object?>("follower", status.Name), new KeyValuePair<string, object?>("kind", kind));
}
