using System.Text.Json;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// What travels beside every event, outside its payload: the command that caused it (the idempotency key),
/// who issued it, correlation and causation, the trace it belongs to, and the payload's schema version.
/// TraceParent is the W3C traceparent of the span that appended the event (the call's when nothing traces):
/// followers read it (Registry.Projections' StoredTraceContext, by its JSON name "traceParent") to link their
/// spans and continue the trace when they publish.
/// </summary>
internal sealed record EventMetadata(
    string CommandId,
    string Actor,
    string CorrelationId,
    string CausationId,
    string? TraceParent,
    int SchemaVersion)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, DomainJson.Metadata);

    public static EventMetadata? FromJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json.Span, DomainJson.Metadata);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
