using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// Copies a SQLite file's write-ahead log back into the file from a connection and thread of its own, every
/// <c>interval</c> when something was committed meanwhile. The writer still checkpoints when the log passes
/// its threshold, because only a checkpoint between two of its commits lets the next commit rewind the log
/// (and overwrite instead of growing a file that must be synced). By then this has copied nearly everything,
/// but that checkpoint still syncs the file: what was written since this last ran (with a second between
/// runs, about 13 ms under bench/commands.sh). A passive checkpoint from here never blocks the writer or a reader.
/// </summary>
public sealed class Checkpointer : IAsyncDisposable
{
    private readonly TimeSpan _interval;
    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly DiskThread _thread;
    private readonly Task _loop;
    private long _commits;
    private long _checkpointedAt;

    public Checkpointer(string path, string name, TimeSpan interval)
    {
        _interval = interval;
        _thread = new DiskThread(name);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";
            setup.ExecuteNonQuery();
        }
        _loop = _thread.RunAsync(Run);
    }

    /// <summary>Told after each commit, so that an idle log is not checkpointed again and again.</summary>
    public void Committed() => Interlocked.Increment(ref _commits);

    /// <summary>On a thread of its own (<see cref="DiskThread"/>): a checkpoint copies pages and syncs the file.</summary>
    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_interval))
            Checkpoint();
        Checkpoint();
    }

    private void Checkpoint()
    {
        var commits = Interlocked.Read(ref _commits);
        if (commits == _checkpointedAt)
            return;
        _checkpointedAt = commits;
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _thread.Dispose();
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
