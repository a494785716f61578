using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// The log's tables, versioned with PRAGMA user_version. Migrations only ever move forwards; a file from a
/// newer registry is refused rather than guessed at.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: the log. Position is the rowid: dense, ascending, the commit order. Event ids are not indexed:
        // random keys would cost every append a page write; retries are recognised per stream instead.
        """
        CREATE TABLE events (
            position INTEGER PRIMARY KEY,
            event_id BLOB NOT NULL,
            stream   TEXT NOT NULL,
            revision INTEGER NOT NULL,
            type     TEXT NOT NULL,
            data     BLOB NOT NULL,
            metadata BLOB NOT NULL,
            created  INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX events_by_stream ON events(stream, revision);
        """,
    ];

    public static int Latest => Migrations.Length;

    public static void Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Latest)
            throw new EventStoreUnavailableException(
                $"The event log '{path}' has schema version {version}, newer than this registry understands ({Latest}). Upgrade the registry; the file was left untouched.");

        for (var next = version + 1; next <= Latest; next++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[next - 1] + $";PRAGMA user_version = {next};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
