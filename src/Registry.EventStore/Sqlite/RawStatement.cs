using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// A statement compiled once and run straight through SQLite's C API, on a writer's connection and inside
/// its transaction, its parameters bound by position (?1, ?2...). For hot paths (appends to the log, the
/// projections' rows): Microsoft.Data.Sqlite's command machinery costs several times what SQLite itself
/// spends on a row.
/// </summary>
public sealed class RawStatement : IDisposable
{
    private const int Row = 100; // SQLITE_ROW
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

    public RawStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
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

    /// <summary>The first column of the first row as an integer (null when there is no row or it is NULL); ready for the next run.</summary>
    public long? ReadInt64() => First(static statement => (long?)raw.sqlite3_column_int64(statement, 0));

    /// <summary>The first column of the first row as bytes (null when there is no row or it is NULL); ready for the next run.</summary>
    public byte[]? ReadBlob() => First(static statement => raw.sqlite3_column_blob(statement, 0).ToArray());

    private T? First<T>(Func<sqlite3_stmt, T> column)
    {
        try
        {
            return Step() && raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL ? column(_statement) : default;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private bool Step()
    {
        var result = raw.sqlite3_step(_statement);
        if (result is not (Row or Done))
            Check(result);
        return result == Row;
    }

    private void Check(int result)
    {
        if (result is not (0 or Done))
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result, raw.sqlite3_extended_errcode(_database));
    }

    public void Dispose() => _statement.Dispose();
}
