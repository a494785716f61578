using Registry.EventStore;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// The result of every command already in a programme's stream, by command id: how a repeated command gets its
/// first result back (always as <see cref="CommandOutcome.Done.Repeated"/>). Only ever added to, and only with what
/// the log holds (a durable append, or events read back), so one ledger serves every version of the programme's
/// cache entry: a newer command in it answers a retry correctly whatever revision the entry was read at. An
/// immutable map copied on every command made a new path of tree nodes per command, which the garbage collector
/// then promoted; results are kept inside the map's entries for the same reason (a result object and its array of
/// event ids per command were a tenth of what survived each young collection under load).
/// </summary>
internal sealed class CommandLedger
{
    private readonly Dictionary<string, Result> _done = new(StringComparer.Ordinal);

    public bool TryGet(string commandId, out CommandOutcome.Done done)
    {
        Result result;
        lock (_done)
        {
            if (!_done.TryGetValue(commandId, out result))
            {
                done = null!;
                return false;
            }
        }
        done = new CommandOutcome.Done(result.ProgramId, result.Version, result.Position, result.EventIds ?? [result.FirstEventId], Repeated: true);
        return true;
    }

    public void Add(string commandId, CommandOutcome.Done done)
    {
        lock (_done)
            _done[commandId] = Result.Of(done);
    }

    public void AddAll(IReadOnlyDictionary<string, CommandOutcome.Done> done)
    {
        lock (_done)
        {
            foreach (var (commandId, outcome) in done)
                _done[commandId] = Result.Of(outcome);
        }
    }

    /// <summary>A command's result; the id of its only event inline (most commands append one), else all of them.</summary>
    private readonly record struct Result(string ProgramId, long Version, Position Position, Guid FirstEventId, Guid[]? EventIds)
    {
        public static Result Of(CommandOutcome.Done done) => done.EventIds.Count == 1
            ? new(done.ProgramId, done.Version, done.Position, done.EventIds[0], null)
            : new(done.ProgramId, done.Version, done.Position, Guid.Empty, [.. done.EventIds]);
    }
}
