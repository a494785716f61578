using System.Text.Json;
using Registry.EventStore;

namespace Registry.Projections.Publishing.Leases;

/// <summary>
/// One event of a lease stream: who holds the lease (empty: released), since when, and how far the holder's
/// messages are confirmed. Taken, renewed and released by appends with an expected revision, so that the log
/// decides every race.
/// </summary>
internal sealed record LeaseRecord(string Holder, DateTimeOffset Since, ulong CheckpointCommit, ulong CheckpointPrepare)
{
    public const string EventType = "PublisherLease.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Position Checkpoint => new(CheckpointCommit, CheckpointPrepare);

    public bool IsReleased => Holder.Length == 0;

    public static LeaseRecord Held(string holder, DateTimeOffset since, Position checkpoint) => new(holder, since, checkpoint.Commit, checkpoint.Prepare);

    public EventData ToEvent() => new(Guid.NewGuid(), EventType, JsonSerializer.SerializeToUtf8Bytes(this, Json), ReadOnlyMemory<byte>.Empty);

    public static LeaseRecord? From(RecordedEvent recorded) =>
        recorded.Type == EventType ? JsonSerializer.Deserialize<LeaseRecord>(recorded.Data.Span, Json) : null;
}
