namespace Registry.Server.Programs.Commands;

/// <summary>
/// The result of every command already in a programme's stream, by command id: how a repeated command gets its
/// first result back. Only ever added to, and only with what the log holds (a durable append, or events read
/// back), so one ledger serves every version of the programme's cache entry: a newer command in it answers a
/// retry correctly whatever revision the entry was read at. An immutable map copied on every command made
/// a new path of tree nodes per command, which the garbage collector then promoted.
/// </summary>
internal sealed class CommandLedger
{
    private readonly Dictionary<string, CommandOutcome.Done> _done = new(StringComparer.Ordinal);

    public bool TryGet(string commandId, out CommandOutcome.Done done)
    {
        lock (_done)
            return _done.TryGetValue(commandId, out done!);
    }

    public void Add(string commandId, CommandOutcome.Done done)
    {
        lock (_done)
            _done[commandId] = done;
    }

    public void AddAll(IReadOnlyDictionary<string, CommandOutcome.Done> done)
    {
        lock (_done)
        {
            foreach (var (commandId, outcome) in done)
                _done[commandId] = outcome;
        }
    }
}
