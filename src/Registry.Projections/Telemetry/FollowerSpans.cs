using System.Diagnostics;
using Registry.EventStore;

namespace Registry.Projections.Telemetry;

/// <summary>The spans of the followers of the log: one per batch, linked to the appends of its events.</summary>
internal static class FollowerSpans
{
    /// <summary>A projection batch applied in one transaction; null when nobody listens.</summary>
    public static Activity? StartProjectionBatch(string projection, long generation, IReadOnlyList<RecordedEvent> events, Position end)
    {
        if (!RegistryTelemetry.Source.HasListeners())
            return null;
        var activity = RegistryTelemetry.Source.StartActivity(ActivityKind.Internal, parentContext: default, name: $"project {projection}",
            links: StoredTraceContext.LinksOf(events));
        activity?.SetTag("registry.follower", projection)
            .SetTag("registry.projection.generation", generation)
            .SetTag("registry.batch.events", events.Count)
            .SetTag("registry.position", end.ToString());
        return activity;
    }

    /// <summary>A publish batch, from the first attempt to the bus's confirm of every message; null when nobody listens.</summary>
    public static Activity? StartPublishBatch(string publisher, IReadOnlyList<RecordedEvent> events, int messages, Position end)
    {
        // A batch the mapper made nothing of (e.g. no facts among its events) publishes nothing: no span.
        if (messages == 0 || !RegistryTelemetry.Source.HasListeners())
            return null;
        var activity = RegistryTelemetry.Source.StartActivity(ActivityKind.Internal, parentContext: default, name: $"publish {publisher}",
            links: StoredTraceContext.LinksOf(events));
        activity?.SetTag("registry.follower", publisher)
            .SetTag("registry.batch.events", events.Count)
            .SetTag("registry.batch.messages", messages)
            .SetTag("registry.position", end.ToString());
        return activity;
    }
}
