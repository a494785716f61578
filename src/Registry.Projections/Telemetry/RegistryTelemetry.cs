using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Registry.Projections.Telemetry;

/// <summary>
/// The registry's own activity source and meter, both named <see cref="Name"/>: the followers (projection and
/// publish batches) and the host (commands, appends, auth, watches: Registry.Server's HostMetrics) report through them. Without a listener
/// (no OpenTelemetry configured) starting an activity returns null and recording a measurement is a check of a flag.
/// </summary>
public static class RegistryTelemetry
{
    public const string Name = "Registry";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> PublishConfirmed { get; } = Meter.CreateCounter<long>(
        "registry.publish.confirmed", "{message}", "Messages the bus confirmed, by publisher");

    public static Counter<long> PublishRetries { get; } = Meter.CreateCounter<long>(
        "registry.publish.retries", "{retry}", "Publish batches that failed and are retried after a backoff, by publisher");
}
