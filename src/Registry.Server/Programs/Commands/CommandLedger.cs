using Registry.EventStore;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// The result of every command already in a programme's stream: how a repeated command gets its first result
/// back. Only ever added to, and only with what the log holds (a durable append, or events read back), so one
/// ledger serves every version of the programme's cache entry: a newer command in it answers a retry correctly
/// whatever revision the entry was read at.
/// A command is known by its first event's id (<see cref="ProgramEvents.EventId"/>, derived from the command
/// id), the key the store's own idempotency uses. The entries hold no references: the ledger grows by one entry
/// per command for the life of the process, and the garbage collector neither copies nor scans what they hold
/// (a command id string and a result object per command were a tenth of what survived young collections).
/// </summary>
internal sealed class CommandLedger
{
    private readonly Dictionary<Guid, Entry> _done = [];

    /// <summary>Results whose event ids are not the ones derived from the command id (not appended by a registry): kept whole.</summary>
    private Dictionary<Guid, CommandOutcome.Done>? _irregular;

    private readonly record struct Entry(long Version, Position Position, int EventCount);

    /// <summary>The first result of the command whose first event id is <paramref name="firstEventId"/>, marked repeated.</summary>
    public bool TryGet(string commandId, Guid firstEventId, string programId, out CommandOutcome.Done done)
    {
        lock (_done)
        {
            if (_done.TryGetValue(firstEventId, out var entry))
            {
                var eventIds = new Guid[entry.EventCount];
                eventIds[0] = firstEventId;
                for (var i = 1; i < eventIds.Length; i++)
                    eventIds[i] = ProgramEvents.EventId(commandId, i);
                done = new CommandOutcome.Done(programId, entry.Version, entry.Position, eventIds, Repeated: true);
                return true;
            }
            if (_irregular?.TryGetValue(firstEventId, out var kept) == true)
            {
                done = kept;
                return true;
            }
        }
        done = null!;
        return false;
    }

    /// <summary>A command appended now: its events' ids are the derived ones.</summary>
    public void Add(CommandOutcome.Done done)
    {
        lock (_done)
            _done[done.EventIds[0]] = new Entry(done.Version, done.Position, done.EventIds.Count);
    }

    /// <summary>Commands read back from the stream, by command id, with the events each appended.</summary>
    public void AddAll(IReadOnlyDictionary<string, CommandOutcome.Done> done)
    {
        lock (_done)
        {
            foreach (var (commandId, outcome) in done)
            {
                var firstEventId = ProgramEvents.EventId(commandId, 0);
                if (HasDerivedIds(commandId, firstEventId, outcome.EventIds))
                    _done[firstEventId] = new Entry(outcome.Version, outcome.Position, outcome.EventIds.Count);
                else
                    (_irregular ??= [])[firstEventId] = outcome with { Repeated = true };
            }
        }
    }

    private static bool HasDerivedIds(string commandId, Guid firstEventId, IReadOnlyList<Guid> eventIds)
    {
        if (eventIds.Count == 0 || eventIds[0] != firstEventId)
            return false;
        for (var i = 1; i < eventIds.Count; i++)
        {
            if (eventIds[i] != ProgramEvents.EventId(commandId, i))
                return false;
        }
        return true;
    }
}
