using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Registry.Domain;
using Registry.Domain.Events;
using Registry.Domain.State;
using Registry.EventStore;

namespace Registry.Server.Programs.Storage;

/// <summary>Domain events to and from the log: stored type names from the catalog, JSON payloads, metadata.</summary>
internal static class ProgramEvents
{
    public static EventData ToEventData(IProgramEvent programEvent, Guid eventId, EventMetadata metadata) => new(
        eventId,
        EventCatalog.StoredName(programEvent),
        JsonSerializer.SerializeToUtf8Bytes(programEvent, DomainJson.Options.GetTypeInfo(programEvent.GetType())),
        metadata.ToJson());

    private static readonly DecodedEvents<IProgramEvent?> Decoded = new();

    /// <summary>The domain event a stored one holds; null for a type this version does not know. Decoded once per instance (<see cref="DecodedEvents{T}"/>).</summary>
    public static IProgramEvent? FromRecorded(RecordedEvent recorded) => Decoded.GetOrDecode(recorded, Decode);

    private static IProgramEvent? Decode(RecordedEvent recorded)
    {
        if (EventCatalog.Resolve(recorded.Type) is not { } known)
            return null;
        var programEvent = (IProgramEvent)JsonSerializer.Deserialize(recorded.Data.Span, DomainJson.Options.GetTypeInfo(known.Type))!;
        // A lifecycle event's stage is its stored name; the payload's copy must agree.
        return known.Stage is { } stage && programEvent is LifecycleReported lifecycle ? lifecycle with { Stage = stage } : programEvent;
    }

    public static ProgramState? Fold(ProgramId id, IEnumerable<RecordedEvent> events)
    {
        ProgramState? state = null;
        foreach (var recorded in events)
        {
            if (FromRecorded(recorded) is { } programEvent)
                state = ProgramState.Evolve(state, id, programEvent, recorded.Revision, recorded.Created);
        }
        return state;
    }

    /// <summary>The programme as it stood after the event at <paramref name="revision"/>, read from its stream.</summary>
    public static async Task<ProgramState> ReadStateAsync(IEventStore store, ProgramId id, long revision, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(id.Stream, Direction.Forwards, 0, revision + 1, cancellationToken))
            events.Add(recorded);
        return Fold(id, events) ?? throw new InvalidOperationException($"Programme {id} has no events up to revision {revision}.");
    }

    /// <summary>The stream name's programme id, or null when the stream is not a programme's.</summary>
    public static ProgramId? ProgramOf(string stream) =>
        stream.StartsWith("program-", StringComparison.Ordinal) && ProgramId.IsValid(stream["program-".Length..])
            ? ProgramId.Parse(stream["program-".Length..])
            : null;

    /// <summary>
    /// The id of the n-th event a command appends: derived from the command id, so that the same command sent
    /// twice (even concurrently) produces the same events and the store recognises the second as a retry.
    /// </summary>
    public static Guid EventId(string commandId, int index)
    {
#pragma warning disable CA5350 // a name-based id, not a security measure
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"registry-command:{commandId}:{index}"));
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
