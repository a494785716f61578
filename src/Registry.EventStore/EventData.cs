namespace Registry.EventStore;

/// <summary>
/// An event to append. The id makes a retried append idempotent. A store may keep <see cref="Data"/> and
/// <see cref="Metadata"/> as given and hand them to its followers: they are not to change once appended.
/// </summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata)
{
    public const string JsonContentType = "application/json";
}
