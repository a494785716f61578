using System.Collections.Concurrent;
using Registry.Domain;
using Registry.Domain.Decisions;
using Registry.Domain.Events;
using Registry.EventStore;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// What commands need of a programme: what decisions read of it (<see cref="DecisionState"/>, not the whole state)
/// and the result of every command already in its stream (for idempotency), kept up to date by reading only the
/// events after the last one seen, usually none, instead of the whole stream for every command. Entries are
/// immutable but for their shared <see cref="CommandLedger"/>; a stale one is only ever caught up.
/// </summary>
internal sealed class ProgramHistoryCache(IEventStore store)
{
    private const int MaxProgrammes = 10_000;
    private readonly ConcurrentDictionary<ProgramId, Entry> _entries = new();
    private int _count;

    /// <summary>A programme as of <paramref name="Revision"/>; its <see cref="CommandLedger"/> is shared with its later entries.</summary>
    public sealed record Entry(DecisionState? State, long Revision, CommandLedger Commands)
    {
        public static Entry None() => new(null, -1, new CommandLedger());
    }

    /// <summary>What is known without reading the log; it may be behind if another process wrote since.</summary>
    public Entry? Cached(ProgramId id) => _entries.GetValueOrDefault(id);

    /// <summary>Records an append this process just made on top of <paramref name="before"/>, so the next command need not read it back.</summary>
    public void Appended(ProgramId id, Entry before, IReadOnlyList<IProgramEvent> events, CommandOutcome.Done done)
    {
        var state = before.State;
        for (var i = 0; i < events.Count; i++)
            state = DecisionState.Evolve(state, id, events[i], before.Revision + 1 + i);
        before.Commands.Add(done);
        Store(id, new Entry(state, done.Version, before.Commands));
    }

    public async Task<Entry> LoadAsync(ProgramId id, CancellationToken cancellationToken)
    {
        var entry = _entries.GetValueOrDefault(id) ?? Entry.None();
        var state = entry.State;
        var revision = entry.Revision;
        // The commands read are added to the ledger only once the read is complete: a command's events are
        // then all in it.
        var commands = new Dictionary<string, CommandOutcome.Done>(StringComparer.Ordinal);
        await foreach (var recorded in store.ReadStreamAsync(id.Stream, Direction.Forwards, entry.Revision + 1, long.MaxValue, cancellationToken))
        {
            if (ProgramEvents.FromRecorded(recorded) is { } programEvent)
                state = DecisionState.Evolve(state, id, programEvent, recorded.Revision);
            if (EventMetadata.FromJson(recorded.Metadata)?.CommandId is { } commandId)
                commands[commandId] = Extend(commands.GetValueOrDefault(commandId), id, recorded);
            revision = recorded.Revision;
        }
        if (revision == entry.Revision)
            return entry;
        entry.Commands.AddAll(commands);
        var caughtUp = new Entry(state, revision, entry.Commands);
        Store(id, caughtUp);
        return caughtUp;
    }

    /// <summary>
    /// Keeps the newer of two entries. Bounded: past <see cref="MaxProgrammes"/> programmes it starts again empty
    /// (counted as entries are added, since a ConcurrentDictionary's Count takes all its locks).
    /// </summary>
    private void Store(ProgramId id, Entry entry)
    {
        if (Volatile.Read(ref _count) >= MaxProgrammes)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }
        _entries.AddOrUpdate(id,
            _ => { Interlocked.Increment(ref _count); return entry; },
            (_, current) => current.Revision >= entry.Revision ? current : entry);
    }

    private static CommandOutcome.Done Extend(CommandOutcome.Done? earlier, ProgramId id, RecordedEvent recorded) =>
        new(id.Value, recorded.Revision, recorded.Position, [.. earlier?.EventIds ?? [], recorded.EventId], Repeated: true);
}
