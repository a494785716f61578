using System.Collections.Concurrent;
using System.Collections.Immutable;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// What commands need of a programme: its state and the result of every command already in its stream (for
/// idempotency), kept up to date by reading only the events after the last one seen, usually none, instead
/// of the whole stream for every command. Entries are immutable; a stale one is only ever caught up.
/// </summary>
internal sealed class ProgramHistoryCache(IEventStore store)
{
    private const int MaxProgrammes = 10_000;
    private readonly ConcurrentDictionary<ProgramId, Entry> _entries = new();

    public sealed record Entry(ProgramState? State, long Revision, ImmutableDictionary<string, CommandOutcome.Done> Commands)
    {
        public static Entry None { get; } = new(null, -1, ImmutableDictionary<string, CommandOutcome.Done>.Empty);
    }

    public async Task<Entry> LoadAsync(ProgramId id, CancellationToken cancellationToken)
    {
        var entry = _entries.GetValueOrDefault(id) ?? Entry.None;
        var state = entry.State;
        var commands = entry.Commands;
        var revision = entry.Revision;
        await foreach (var recorded in store.ReadStreamAsync(id.Stream, Direction.Forwards, entry.Revision + 1, long.MaxValue, cancellationToken))
        {
            if (ProgramEvents.FromRecorded(recorded) is { } programEvent)
                state = ProgramState.Evolve(state, id, programEvent, recorded.Revision, recorded.Created);
            if (EventMetadata.FromJson(recorded.Metadata)?.CommandId is { } commandId)
                commands = commands.SetItem(commandId, Extend(commands.GetValueOrDefault(commandId), id, recorded));
            revision = recorded.Revision;
        }
        if (revision == entry.Revision)
            return entry;
        var caughtUp = new Entry(state, revision, commands);
        if (_entries.Count >= MaxProgrammes)
            _entries.Clear();
        _entries.AddOrUpdate(id, caughtUp, (_, current) => current.Revision >= caughtUp.Revision ? current : caughtUp);
        return caughtUp;
    }

    private static CommandOutcome.Done Extend(CommandOutcome.Done? earlier, ProgramId id, RecordedEvent recorded) =>
        new(id.Value, recorded.Revision, recorded.Position, [.. earlier?.EventIds ?? [], recorded.EventId], Repeated: true);
}
