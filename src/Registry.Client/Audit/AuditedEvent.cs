namespace Registry.Client.Audit;

/// <summary>
/// An event as the log stores it, every field a leaf commits to. <paramref name="RecordTicks"/> is the record
/// time in 100-nanosecond intervals since 1970-01-01T00:00:00Z (UTC).
/// </summary>
public sealed record AuditedEvent(
    Guid EventId,
    string Stream,
    long Revision,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    long RecordTicks,
    ulong CommitPosition,
    ulong PreparePosition)
{
    public static long TicksOf(DateTimeOffset recorded) => recorded.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
}
