using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// A statement compiled once and run straight through SQLite's C API, on the writer's connection and inside
/// its transaction. The appends' hot path: Microsoft.Data.Sqlite's command machinery costs several times
/// what SQLite itself spends on a row.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private const int Done = 101; // SQLITE_DONE
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement to completion and makes it ready for the next run.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != Done)
            Check(result);
    }

    private void Check(int result)
    {
        if (result is not (0 or Done))
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result, raw.sqlite3_extended_errcode(_database));
    }

    public void Dispose() => _statement.Dispose();
}
