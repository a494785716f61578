using System.Diagnostics;
using Registry.Server.Programs.Commands;

namespace Registry.Server.Telemetry;

/// <summary>
/// One command's count and duration, recorded when disposed with the outcome set last; an exception that
/// escapes leaves it "failed" (e.g. the event store could not be reached).
/// </summary>
internal sealed class CommandMeasurement : IDisposable
{
    private readonly string _method;
    private readonly long _started = Stopwatch.GetTimestamp();

    private CommandMeasurement(string method) => _method = method;

    public string Outcome { get; set; } = "failed";

    /// <param name="fullMethod">The gRPC method path, e.g. "/registry.v1.ProgramCommands/ReportClaim".</param>
    public static CommandMeasurement Start(string fullMethod) => new(fullMethod[(fullMethod.LastIndexOf('/') + 1)..]);

    public static string OutcomeOf(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Done { Repeated: true } => "repeated",
        CommandOutcome.Done => "appended",
        CommandOutcome.Rejected => "rejected",
        CommandOutcome.VersionConflict => "conflict",
        _ => "failed",
    };

    public void Dispose()
    {
        var method = new KeyValuePair<string, object?>("method", _method);
        var outcome = new KeyValuePair<string, object?>("outcome", Outcome);
        HostMetrics.Commands.Add(1, method, outcome);
        HostMetrics.CommandDuration.Record(HostMetrics.SecondsSince(_started), method, outcome);
    }
}
