using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>The writer's prepared statements, bound to the transaction of the batch being committed.</summary>
internal sealed class LogStatements : IDisposable
{
    private const string Savepoint_ = "append";
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _revision;
    private readonly SqliteCommand _byId;
    private SqliteTransaction? _transaction;

    public LogStatements(SqliteConnection connection)
    {
        _insert = Prepare(connection,
            "INSERT INTO events (position, event_id, stream, revision, type, data, metadata, created) VALUES ($position, $id, $stream, $revision, $type, $data, $metadata, $created)",
            "$position", "$id", "$stream", "$revision", "$type", "$data", "$metadata", "$created");
        _revision = Prepare(connection, "SELECT max(revision) FROM events WHERE stream = $stream", "$stream");
        _byId = Prepare(connection, "SELECT stream, revision, position FROM events WHERE event_id = $id", "$id");
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _transaction = transaction;
        _insert.Transaction = _revision.Transaction = _byId.Transaction = transaction;
    }

    public void Insert(long position, EventData data, string stream, long revision, DateTimeOffset created)
    {
        var p = _insert.Parameters;
        p[0].Value = position;
        p[1].Value = data.EventId.ToByteArray();
        p[2].Value = stream;
        p[3].Value = revision;
        p[4].Value = data.Type;
        p[5].Value = data.Data.ToArray();
        p[6].Value = data.Metadata.ToArray();
        p[7].Value = created.UtcTicks;
        _insert.ExecuteNonQuery();
    }

    /// <summary>The revision of a stream's last event, or null when there is no such stream.</summary>
    public long? CurrentRevision(string stream)
    {
        _revision.Parameters[0].Value = stream;
        return _revision.ExecuteScalar() is long revision ? revision : null;
    }

    /// <summary>
    /// When every event of the append is already stored, in order, in its stream, where the append expected
    /// it, this append is a retry: the result it had the first time. Otherwise null.
    /// </summary>
    public AppendResult? FindRetry(AppendRequest request)
    {
        long? firstRevision = null;
        (long Revision, long Position) last = default;
        for (var i = 0; i < request.Events.Count; i++)
        {
            if (Find(request.Events[i].EventId) is not { } stored || stored.Stream != request.Stream)
                return null;
            firstRevision ??= stored.Revision;
            if (stored.Revision != firstRevision + i)
                return null;
            last = (stored.Revision, stored.Position);
        }
        var expectedFirst = request.Expected.IsExact ? request.Expected.Value + 1 : (long?)null;
        if (request.Expected == ExpectedRevision.NoStream)
            expectedFirst = 0;
        if (expectedFirst is not null && firstRevision != expectedFirst)
            return null;
        return new AppendResult(last.Revision, Position.At((ulong)last.Position));
    }

    /// <summary>Names the first event id of the append that is already stored elsewhere.</summary>
    public EventStoreException DescribeConflict(AppendRequest request)
    {
        foreach (var data in request.Events)
        {
            if (Find(data.EventId) is { } stored)
                return new EventIdConflictException(data.EventId, stored.Stream, stored.Revision);
        }
        return new EventStoreUnavailableException($"Append to '{request.Stream}' broke a constraint of the log without a stored duplicate id.");
    }

    private (string Stream, long Revision, long Position)? Find(Guid eventId)
    {
        _byId.Parameters[0].Value = eventId.ToByteArray();
        using var reader = _byId.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
    }

    public void Savepoint() => _transaction!.Save(Savepoint_);

    public void Release() => _transaction!.Release(Savepoint_);

    public void RollbackToSavepoint()
    {
        _transaction!.Rollback(Savepoint_);
        _transaction.Release(Savepoint_);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _revision.Dispose();
        _byId.Dispose();
    }
}
