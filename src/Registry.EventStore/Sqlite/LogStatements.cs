using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>The writer's statements, compiled once, run inside the transaction of the batch being committed.</summary>
internal sealed class LogStatements : IDisposable
{
    private readonly RawStatement _insert;
    private readonly SqliteCommand _recent;
    private readonly SqliteCommand _range;

    public LogStatements(SqliteConnection connection)
    {
        _insert = new RawStatement(connection,
            "INSERT INTO events (position, event_id, stream, revision, type, data, metadata, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        _recent = Prepare(connection,
            $"SELECT event_id, revision, position FROM events WHERE stream = $stream ORDER BY revision DESC LIMIT {StreamState.RecentWindow}");
        _range = Prepare(connection,
            "SELECT event_id, revision, position FROM events WHERE stream = $stream AND revision >= $from ORDER BY revision LIMIT $count");
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Enlist(SqliteTransaction transaction) => _recent.Transaction = _range.Transaction = transaction;

    public void Insert(long position, EventData data, string stream, long revision, DateTimeOffset created)
    {
        Span<byte> id = stackalloc byte[16];
        data.EventId.TryWriteBytes(id);
        _insert.Bind(1, position).Bind(2, id).Bind(3, stream).Bind(4, revision).Bind(5, data.Type)
            .Bind(6, data.Data.Span).Bind(7, data.Metadata.Span).Bind(8, created.UtcTicks)
            .Execute();
    }

    /// <summary>A stream's revision and most recent events, or null when there is no such stream.</summary>
    public StreamState? LoadState(string stream)
    {
        _recent.Parameters.Clear();
        _recent.Parameters.AddWithValue("$stream", stream);
        var recent = Read(_recent);
        if (recent.Count == 0)
            return null;
        recent.Reverse();
        return new StreamState(recent[^1].Revision, recent);
    }

    /// <summary>The stored events of a stream from a revision on, at most <paramref name="count"/>.</summary>
    public List<StoredEvent> ReadRange(string stream, long from, int count)
    {
        _range.Parameters.Clear();
        _range.Parameters.AddWithValue("$stream", stream);
        _range.Parameters.AddWithValue("$from", from);
        _range.Parameters.AddWithValue("$count", count);
        return Read(_range);
    }

    private static List<StoredEvent> Read(SqliteCommand command)
    {
        var events = new List<StoredEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            events.Add(new StoredEvent(new Guid(reader.GetFieldValue<byte[]>(0)), reader.GetInt64(1), reader.GetInt64(2)));
        return events;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _recent.Dispose();
        _range.Dispose();
    }
}
