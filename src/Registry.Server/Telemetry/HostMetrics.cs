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
    public static Counter<long> Commands { get; } = RegistryTelemetry.Meter.CreateCounter<long>(
        "registry.commands", "{command}", "Commands received, by method and outcome");

    public static Histogram<double> CommandDuration { get; } = RegistryTelemetry.Meter.CreateHistogram<double>(
        "registry.command.duration", "s", "Time to validate, decide and append one command, by method and outcome");

    public static Histogram<double> AppendDuration { get; } = RegistryTelemetry.Meter.CreateHistogram<double>(
        "registry.append.duration", "s", "Time of one append of a command's events to the event store");

    public static Histogram<long> AppendBatchSize { get; } = RegistryTelemetry.Meter.CreateHistogram<long>(
        "registry.append.events", "{event}", "Events per append (a command's batch)");

    public static UpDownCounter<long> WatchStreams { get; } = RegistryTelemetry.Meter.CreateUpDownCounter<long>(
        "registry.watch.streams", "{stream}", "WatchPrograms streams open");

    public static Counter<long> AuthRefusals { get; } = RegistryTelemetry.Meter.CreateCounter<long>(
        "registry.auth.refusals", "{call}", "Calls refused by authentication or authorization, by status and reason");

    public static void Refused(string status, string reason) =>
        AuthRefusals.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("reason", reason));

    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
}
