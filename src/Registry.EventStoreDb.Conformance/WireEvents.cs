using Google.Protobuf;
using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb.Conformance;

/// <summary>Events between the wire and the embedded store, as the node sends and receives them.</summary>
internal static class WireEvents
{
    public static ReadResp ToReadResp(RecordedEvent recorded, bool idsAsStrings)
    {
        var wire = new ReadResp.Types.ReadEvent.Types.RecordedEvent
        {
            Id = idsAsStrings ? Uuids.AsString(recorded.EventId) : Uuids.Structured(recorded.EventId),
            StreamIdentifier = StreamNames.Identifier(recorded.Stream),
            StreamRevision = (ulong)recorded.Revision,
            CommitPosition = recorded.Position.Commit,
            PreparePosition = recorded.Position.Prepare,
            Data = ByteString.CopyFrom(recorded.Data.Span),
            CustomMetadata = ByteString.CopyFrom(recorded.Metadata.Span),
        };
        wire.Metadata[EventProperties.Type] = recorded.Type;
        wire.Metadata[EventProperties.ContentType] = EventProperties.ContentTypeOf(recorded.Data);
        wire.Metadata[EventProperties.Created] = EventProperties.FormatCreated(recorded.Created);
        return new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = wire, CommitPosition = recorded.Position.Commit } };
    }

    /// <summary>A proposed event as the store takes it; INVALID_ARGUMENT naming what is missing.</summary>
    public static EventData ToEventData(UUID? id, IReadOnlyDictionary<string, string> metadata, ByteString customMetadata, ByteString data)
    {
        Guid eventId;
        try
        {
            eventId = Uuids.ToGuid(id);
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"proposed_message.id: {e.Message}"));
        }
        foreach (var required in new[] { EventProperties.Type, EventProperties.ContentType })
        {
            if (!metadata.TryGetValue(required, out var value) || string.IsNullOrEmpty(value))
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Required metadata property '{required}' is missing."),
                    new Metadata { { ErrorMetadata.Exception, ErrorMetadata.MissingRequiredMetadataProperty }, { "required-properties", "type,content-type" } });
        }
        return new EventData(eventId, metadata[EventProperties.Type], data.ToByteArray(), customMetadata.ToByteArray());
    }
}
