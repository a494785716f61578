using Microsoft.Data.Sqlite;
using Registry.EventStore;
using Registry.EventStore.Sqlite;

namespace Registry.Projections;

/// <summary>
/// The local SQLite file holding read models and the checkpoints that say how far each got in the log.
/// A read model's rows and its checkpoint change in one transaction. synchronous=NORMAL is enough here:
/// a crash may lose the newest transactions but never splits one, and the log replays what was lost.
/// </summary>
public sealed class ReadModelDatabase : IDisposable
{
    private const string Catalog = """
        CREATE TABLE IF NOT EXISTS projection_generations (
            name TEXT NOT NULL, generation INTEGER NOT NULL, version INTEGER NOT NULL,
            commit_position INTEGER NOT NULL DEFAULT 0, prepare_position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (name, generation));
        CREATE TABLE IF NOT EXISTS projection_live (name TEXT PRIMARY KEY, generation INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS checkpoints (
            name TEXT PRIMARY KEY, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL);
        """;

    private readonly string _connectionString;
    private readonly Lazy<FileWriter> _writer;

    public ReadModelDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL;" + Catalog);
        _writer = new Lazy<FileWriter>(() => new FileWriter(this));
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="write"/> on the file's one writer (<see cref="FileWriter"/>), with its connection.</summary>
    public Task WriteAsync(Action<SqliteConnection> write) => _writer.Value.RunAsync(write);

    /// <summary>Like <see cref="WriteAsync(Action{SqliteConnection})"/>, for a result.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write)
    {
        var result = default(T)!;
        await WriteAsync(connection => { result = write(connection); });
        return result;
    }

    public void Dispose()
    {
        if (_writer.IsValueCreated)
            _writer.Value.Dispose();
    }

    /// <summary>
    /// The one thread that writes this file, one transaction at a time, on one connection: projection batches,
    /// checkpoints, signed heads, catalog changes. SQLite lets one writer in at a time and makes any other
    /// sleep and retry (1 ms, then 2, 5, ... up to 100 ms a try). Under load, followers and the tree signer
    /// writing from their own threads slept like that, thread-pool workers among them, which on two cores
    /// stalled every call queued behind them. One connection, because SQLite empties a connection's page cache
    /// whenever another connection has committed: writers on connections of their own read back from the file
    /// the pages each other had just written. An 8 MiB page cache: with 64 MiB, SQLite truncating it at each
    /// commit (pcache1TruncateUnsafe) took 3.4% of the server's CPU under bench/commands.sh. The write-ahead
    /// log is copied back by a <see cref="Checkpointer"/> once a second, off this thread: pages the projections
    /// rewrite many times a second are copied once. The writer checkpoints only if that falls far behind
    /// (10,000 pages).
    /// </summary>
    private sealed class FileWriter : IDisposable
    {
        private readonly DiskThread _thread = new("Read-model writer");
        private readonly SqliteConnection _connection;
        private readonly Checkpointer _checkpointer;

        public FileWriter(ReadModelDatabase database)
        {
            _connection = database.Open();
            Execute(_connection, null, "PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 10000;");
            _checkpointer = new Checkpointer(database.Path, "Read-model checkpointer", TimeSpan.FromSeconds(1));
        }

        public Task RunAsync(Action<SqliteConnection> write) => _thread.RunAsync(() =>
        {
            write(_connection);
            _checkpointer.Committed();
        });

        /// <summary>After the writes already queued: the connection, the thread, then the checkpointer.</summary>
        public void Dispose()
        {
            _thread.RunAsync(_connection.Dispose).GetAwaiter().GetResult();
            _thread.Dispose();
            _checkpointer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
        return connection;
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static Position ReadPosition(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Position((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1)) : Position.Start;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string, object)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    /// <summary>How far the live generation of a projection has got; read it in the transaction that reads its rows.</summary>
    public static Position ReadProjectionCheckpoint(SqliteConnection connection, string projection, SqliteTransaction? transaction) =>
        ReadPosition(connection, transaction,
            "SELECT g.commit_position, g.prepare_position FROM projection_live l JOIN projection_generations g ON g.name = l.name AND g.generation = l.generation WHERE l.name = $name",
            ("$name", projection));

    /// <summary>A publisher's or other follower's checkpoint; <see cref="Position.Start"/> when it has none.</summary>
    public static Position ReadCheckpoint(SqliteConnection connection, string name) =>
        ReadPosition(connection, null, "SELECT commit_position, prepare_position FROM checkpoints WHERE name = $name", ("$name", name));

    public static void WriteCheckpoint(SqliteConnection connection, SqliteTransaction? transaction, string name, Position position) =>
        Execute(connection, transaction,
            "INSERT INTO checkpoints (name, commit_position, prepare_position) VALUES ($name, $c, $p) " +
            "ON CONFLICT(name) DO UPDATE SET commit_position = $c, prepare_position = $p",
            ("$name", name), ("$c", (long)position.Commit), ("$p", (long)position.Prepare));
}
