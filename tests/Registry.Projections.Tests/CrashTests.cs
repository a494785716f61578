using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.CrashWorker;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests;

namespace Registry.Projections.Tests;

/// <summary>
/// A separate process appends under load while a projection follows the log, and is killed with SIGKILL.
/// Whatever it acknowledged must be in the log, the log must have no hole, and the projection resumed from
/// its checkpoint must equal one rebuilt from zero.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int AcknowledgedBeforeKill = 3000;
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Every_acknowledged_append_survives_SIGKILL_and_the_resumed_projection_equals_a_rebuild()
    {
        var storePath = _folder.File("log.db");
        var readModelPath = _folder.File("read.db");
        var acknowledged = await RunWorkerUntilKilledAsync(storePath, readModelPath);

        await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = storePath });
        var log = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
            log.Add(recorded);

        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        var byId = log.ToDictionary(e => e.EventId);
        foreach (var ack in acknowledged)
        {
            Assert.True(byId.TryGetValue(ack.EventId, out var stored), $"acknowledged event {ack.EventId} is missing");
            Assert.Equal((ack.Position, ack.Stream, ack.Revision), ((long)stored.Position.Commit, stored.Stream, stored.Revision));
        }
        Assert.Equal(Enumerable.Range(1, log.Count).Select(p => (ulong)p), log.Select(e => e.Position.Commit));
        foreach (var stream in log.GroupBy(e => e.Stream))
            Assert.Equal(Enumerable.Range(0, stream.Count()).Select(r => (long)r), stream.Select(e => e.Revision));

        using var resumedModels = new ReadModelDatabase(readModelPath);
        var resumed = await CatchUpAsync(store, resumedModels);
        using var rebuiltModels = new ReadModelDatabase(_folder.File("rebuilt.db"));
        var rebuilt = await CatchUpAsync(store, rebuiltModels);
        Assert.NotEmpty(rebuilt);
        Assert.Equal(rebuilt, resumed);
    }

    [Fact]
    public async Task A_log_held_by_another_process_is_refused_and_free_again_once_that_process_is_killed()
    {
        var storePath = _folder.File("held.db");
        using var worker = StartWorker(storePath, _folder.File("held-read.db"));
        try
        {
            Assert.StartsWith("ACK ", await worker.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);
            var refused = Assert.Throws<EventStoreUnavailableException>(() => SqliteEventStore.Open(new SqliteEventStoreOptions { Path = storePath }));
            Assert.Contains("in use by another registry process", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }

        await using var reopened = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = storePath });
        Assert.True((await reopened.ReadHeadAsync()) > Position.Start);
    }

    private static Process StartWorker(string storePath, string readModelPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(StreamTotals).Assembly.Location, "--store", storePath, "--read-model", readModelPath, "--writers", "32" })
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static async Task<List<Acknowledged>> RunWorkerUntilKilledAsync(string storePath, string readModelPath)
    {
        using var process = StartWorker(storePath, readModelPath);
        var acknowledged = new List<Acknowledged>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acknowledged.Count < AcknowledgedBeforeKill && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                acknowledged.Add(Acknowledged.Parse(line));
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no chance to flush or close anything.
            await process.WaitForExitAsync();
        }
        // Lines already written before the kill are acknowledged too.
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ACK ", StringComparison.Ordinal) && line.Split(' ').Length == 5)
                acknowledged.Add(Acknowledged.Parse(line));
        }
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"the worker stopped after {acknowledged.Count} acknowledgements (its errors are in the test log)");
        return acknowledged;
    }

    private static async Task<List<(string, long, long, long)>> CatchUpAsync(SqliteEventStore store, ReadModelDatabase database)
    {
        await using (var engine = new ProjectionEngine([new StreamTotals()], database, store, NullLogger<ProjectionEngine>.Instance))
        {
            engine.Start();
            var head = await store.ReadHeadAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (engine.Status("stream_totals") is { } status && status.Checkpoint < head)
            {
                Assert.NotEqual(ProjectionState.Faulted, status.State);
                await Task.Delay(10, timeout.Token);
            }
        }
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT stream, events, amount, last_revision FROM {StreamTotals.View} ORDER BY stream";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long, long)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        return rows;
    }

    private sealed record Acknowledged(Guid EventId, long Position, string Stream, long Revision)
    {
        public static Acknowledged Parse(string line)
        {
            var parts = line.Split(' ');
            return new Acknowledged(Guid.Parse(parts[1]), long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3],
                long.Parse(parts[4], CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
