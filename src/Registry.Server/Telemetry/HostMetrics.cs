using System.Diagnostics;
using System.Diagnostics.Metrics;
using Registry.Projections.Telemetry;

namespace Registry.Server.Telemetry;

/// <summary>
/// The host's instruments on the registry's meter (README, "Telemetry", names them). The follower lag is
/// observed per host instead (<see cref="FollowerLagGauge"/>).
/// </summary>
internal static class HostMetrics
{
    // The SDK's default buckets are made for milliseconds; these are ASP.NET Core's for its request durations.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public static Counter<long> Commands { get; } = RegistryTelemetry.Meter.CreateCounter<long>(
        "registry.commands", "{command}", "Commands received, by method and outcome");

    public static Histogram<double> CommandDuration { get; } = RegistryTelemetry.Meter.CreateHistogram<double>(
        "registry.command.duration", "s", "Time to validate, decide and append one command, by method and outcome", tags: null, SecondsBuckets);

    public static Histogram<double> AppendDuration { get; } = RegistryTelemetry.Meter.CreateHistogram<double>(
        "registry.append.duration", "s", "Time of one append of a command's events to the event store", tags: null, SecondsBuckets);

    public static Histogram<long> AppendBatchSize { get; } = RegistryTelemetry.Meter.CreateHistogram<long>(
        "registry.append.events", "{event}", "Events per append (a command's batch)", tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    public static UpDownCounter<long> WatchStreams { get; } = RegistryTelemetry.Meter.CreateUpDownCounter<long>(
        "registry.watch.streams", "{stream}", "WatchPrograms streams open");

    public static Counter<long> AuthRefusals { get; } = RegistryTelemetry.Meter.CreateCounter<long>(
        "registry.auth.refusals", "{call}", "Calls refused by authentication or authorization, by status and reason");

    public static void Refused(string status, string reason) =>
        AuthRefusals.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("reason", reason));

    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
}
