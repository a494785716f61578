using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests;

namespace Registry.Projections.Tests;

/// <summary>A real log file and a real read-model file in a temp folder, and helpers to drive the engine.</summary>
public sealed class ProjectionTestKit : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<ReadModelDatabase> _databases = [];

    public ProjectionTestKit() => Store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("log.db"), ReadPageSize = 500 });

    public SqliteEventStore Store { get; }

    /// <summary>A read-model file in the folder, disposed with the kit (after whatever used it has stopped).</summary>
    public ReadModelDatabase Database(string name = "read.db")
    {
        var database = new ReadModelDatabase(_folder.File(name));
        _databases.Add(database);
        return database;
    }

    public ProjectionEngine Engine(ReadModelDatabase database, params ISqliteProjection[] projections) =>
        new(projections, database, Store, NullLogger<ProjectionEngine>.Instance, FastRetry);

    /// <summary>Three quick retries: enough to prove retrying without slowing the suite.</summary>
    public static ResiliencePipeline FastRetry { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(10) })
        .Build();

    public async Task AppendAsync(string stream, int count, string type = "Counted.v1")
    {
        var events = Enumerable.Range(0, count)
            .Select(_ => new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}")))
            .ToArray();
        await Store.AppendAsync(stream, ExpectedRevision.Any, events);
    }

    /// <summary>Waits until the projection's live generation has reached the head of the log.</summary>
    public async Task<ProjectionStatus> UntilCaughtUpAsync(ProjectionEngine engine, string name)
    {
        var head = await Store.ReadHeadAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = engine.Statuses().First(s => s.Name == name && s.State != ProjectionState.Rebuilding);
            if (status.Checkpoint >= head || status.State == ProjectionState.Faulted)
                return status;
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Every event of the log, in order; only those <paramref name="include"/> keeps when given.</summary>
    public async Task<List<RecordedEvent>> ReadLogAsync(Func<RecordedEvent, bool>? include = null)
    {
        var log = new List<RecordedEvent>();
        await foreach (var recorded in Store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
        {
            if (include is null || include(recorded))
                log.Add(recorded);
        }
        return log;
    }

    /// <summary>Waits (30 s at most) until the condition holds.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }

    public static Dictionary<string, long> ReadCounts(ReadModelDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT stream, events FROM {StreamCounts.View}";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public static long Scalar(ReadModelDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _databases.ForEach(database => database.Dispose());
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
