using System.Diagnostics;
using Registry.EventStore;
using Registry.Projections.Telemetry;

namespace Registry.Server.Telemetry;

/// <summary>
/// The spans of a command inside its gRPC call: validation, the decision, the append. The append's context is
/// what the events' metadata stores, so that followers link to (and the publisher continues) that span.
/// </summary>
internal static class CommandSpans
{
    public static Activity? StartValidate() => RegistryTelemetry.Source.StartActivity("validate");

    public static Activity? StartDecide(string stream) => RegistryTelemetry.Source.StartActivity("decide")?.SetTag("registry.stream", stream);

    public static Activity? StartAppend(string stream, ExpectedRevision expected, int events) =>
        RegistryTelemetry.Source.StartActivity("append")?
            .SetTag("registry.stream", stream)
            .SetTag("registry.expected_revision", expected.ToString())
            .SetTag("registry.batch.events", events);

    /// <summary>
    /// The W3C traceparent to store with the events: the append span's, else the call's (ASP.NET Core keeps
    /// an activity per request even when nothing is traced), else what the caller sent.
    /// </summary>
    public static string? TraceParent(Activity? append, string? sent) => append?.Id ?? Activity.Current?.Id ?? sent;

    /// <summary>Appends, recording the duration and batch size, and on the span the resulting revision and position or the error.</summary>
    public static async Task<AppendResult> AppendAsync(IEventStore store, string stream, ExpectedRevision expected, IReadOnlyList<EventData> events,
        Activity? span, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await store.AppendAsync(stream, expected, events, cancellationToken).ConfigureAwait(false);
            span?.SetTag("registry.revision", result.NextExpectedRevision).SetTag("registry.position", result.Position.ToString());
            return result;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            HostMetrics.AppendDuration.Record(HostMetrics.SecondsSince(started));
            HostMetrics.AppendBatchSize.Record(events.Count);
        }
    }
}
