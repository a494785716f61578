using Registry.Client.Audit;
using Registry.EventStore;

namespace Registry.Server.Audit;

/// <summary>Stored events as the leaf encoding and the API see them.</summary>
internal static class AuditEvents
{
    public static AuditedEvent From(RecordedEvent recorded) => new(
        recorded.EventId, recorded.Stream, recorded.Revision, recorded.Type, recorded.Data, recorded.Metadata,
        AuditedEvent.TicksOf(recorded.Created), recorded.Position.Commit, recorded.Position.Prepare);

    public static V1.LoggedEvent ToProto(RecordedEvent recorded) => new()
    {
        EventId = recorded.EventId.ToString(),
        Stream = recorded.Stream,
        Revision = recorded.Revision,
        Type = recorded.Type,
        Data = Google.Protobuf.ByteString.CopyFrom(recorded.Data.Span),
        Metadata = Google.Protobuf.ByteString.CopyFrom(recorded.Metadata.Span),
        RecordTicks = AuditedEvent.TicksOf(recorded.Created),
        Position = new V1.LogPosition { Commit = recorded.Position.Commit, Prepare = recorded.Position.Prepare },
    };
}
