namespace Registry.EventStore;

/// <summary>An event to append. The id makes a retried append idempotent.</summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata)
{
    public const string JsonContentType = "application/json";
}
