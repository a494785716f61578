namespace Registry.EventStore.Sqlite;

/// <summary>
/// Every stream's <see cref="StreamState"/> as the writer knows it: committed states cached (loaded from the
/// log on first use), and the states of the batch in progress kept apart until its commit succeeds.
/// </summary>
internal sealed class StreamStates(LogStatements sql)
{
    private const int MaxCached = 100_000;
    private readonly Dictionary<string, StreamState> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamState> _pending = new(StringComparer.Ordinal);

    /// <summary>The stream's state, or null when there is no such stream.</summary>
    public StreamState? Get(string stream)
    {
        if (_pending.TryGetValue(stream, out var pending) || _committed.TryGetValue(stream, out pending))
            return pending;
        var stored = sql.LoadState(stream);
        if (stored is not null)
        {
            if (_committed.Count >= MaxCached)
                _committed.Clear();
            _committed[stream] = stored;
        }
        return stored;
    }

    public void Set(string stream, StreamState state) => _pending[stream] = state;

    public void Commit()
    {
        foreach (var (stream, state) in _pending)
            _committed[stream] = state;
        _pending.Clear();
    }

    public void Discard() => _pending.Clear();
}
