namespace Registry.EventStore.Sqlite;

/// <summary>
/// Each stream's current revision as the writer knows it: committed values cached, and the values of the
/// batch in progress kept apart until its commit succeeds.
/// </summary>
internal sealed class StreamRevisions(LogStatements sql)
{
    private const int MaxCached = 100_000;
    private readonly Dictionary<string, long> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);

    public long? Get(string stream)
    {
        if (_pending.TryGetValue(stream, out var pending))
            return pending;
        if (_committed.TryGetValue(stream, out var committed))
            return committed;
        var stored = sql.CurrentRevision(stream);
        if (stored is { } revision)
        {
            if (_committed.Count >= MaxCached)
                _committed.Clear();
            _committed[stream] = revision;
        }
        return stored;
    }

    public void Set(string stream, long revision) => _pending[stream] = revision;

    public void Commit()
    {
        foreach (var (stream, revision) in _pending)
            _committed[stream] = revision;
        _pending.Clear();
    }

    public void Discard() => _pending.Clear();
}
