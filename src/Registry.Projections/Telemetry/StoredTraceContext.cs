using System.Diagnostics;
using System.Text.Json;
using Registry.EventStore;
using Registry.Projections.Publishing;

namespace Registry.Projections.Telemetry;

/// <summary>
/// The trace context an event was appended in, as the host writes it into the event's metadata (a JSON
/// object with a W3C "traceParent" string). Followers link their spans to it, and the publisher continues it,
/// so that one trace runs from the command to the published message and its consumers.
/// </summary>
public static class StoredTraceContext
{
    private const int MaxLinks = 32;

    /// <summary>The stored context; false when the metadata holds none (events written before, or by others).</summary>
    public static bool TryRead(RecordedEvent recorded, out ActivityContext context)
    {
        context = default;
        if (recorded.Metadata.IsEmpty)
            return false;
        try
        {
            var reader = new Utf8JsonReader(recorded.Metadata.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTraceParent = reader.ValueTextEquals("traceParent"u8);
                if (!reader.Read())
                    return false;
                if (isTraceParent && reader.TokenType == JsonTokenType.String)
                    return ActivityContext.TryParse(reader.GetString(), null, isRemote: true, out context);
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Metadata another writer made: no context to follow.
        }
        return false;
    }

    /// <summary>
    /// The messages of one event, each carrying the context the event was appended in; as they are when
    /// nobody traces (reading the metadata is then not worth its cost).
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Carry(IReadOnlyList<OutgoingMessage> messages, RecordedEvent recorded)
    {
        if (messages.Count == 0 || !RegistryTelemetry.Source.HasListeners() || !TryRead(recorded, out var context))
            return messages;
        return messages.Select(message => message with { TraceContext = context }).ToList();
    }

    /// <summary>Links to the appends of a batch's events: distinct, at most a few dozen (one span per batch of up to a thousand).</summary>
    public static List<ActivityLink> LinksOf(IReadOnlyList<RecordedEvent> events)
    {
        var links = new List<ActivityLink>();
        var seen = new HashSet<ActivitySpanId>();
        foreach (var recorded in events)
        {
            if (links.Count == MaxLinks)
                break;
            if (TryRead(recorded, out var context) && seen.Add(context.SpanId))
                links.Add(new ActivityLink(context));
        }
        return links;
    }
}
