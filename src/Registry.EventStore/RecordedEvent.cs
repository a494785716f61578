namespace Registry.EventStore;

/// <summary>An event as the log holds it: where it is in its stream and in the global log, and when it was written.</summary>
public sealed record RecordedEvent(
    Guid EventId,
    string Stream,
    long Revision,
    Position Position,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    DateTimeOffset Created);
