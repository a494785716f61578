using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore.Sqlite;
using Registry.Projections;

namespace Registry.EventStore.Bench;

/// <summary>Reading the whole global log, and rebuilding a projection from position 0, over a large log.</summary>
internal static class Replay
{
    public static async Task MeasureAsync(string directory, int events, Report report)
    {
        Console.WriteLine($"== replay over {events:N0} events");
        var path = Path.Combine(directory, "replay.db");
        await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = path });
        var fill = Stopwatch.StartNew();
        const int Batch = 1000;
        for (var i = 0; i < events; i += Batch)
        {
            var batch = Enumerable.Range(0, Math.Min(Batch, events - i)).Select(_ => Workload.Event()).ToArray();
            await store.AppendAsync($"program-{i / Batch % 5000}", ExpectedRevision.Any, batch);
        }
        report.Add($"fill, appends of {Batch} events", Report.PerSecond(events, fill.Elapsed));

        var read = Stopwatch.StartNew();
        long count = 0;
        await foreach (var _ in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
            count++;
        report.Add("read $all forwards", Report.PerSecond(count, read.Elapsed));

        var database = new ReadModelDatabase(Path.Combine(directory, "read.db"));
        await using var engine = new ProjectionEngine([new EventsPerStream()], database, store, NullLogger<ProjectionEngine>.Instance);
        var rebuild = Stopwatch.StartNew();
        engine.Start();
        var head = await store.ReadHeadAsync();
        while (engine.Status(EventsPerStream.ProjectionName) is { } status && status.Checkpoint < head)
        {
            if (status.State == ProjectionState.Faulted)
                throw new InvalidOperationException(status.Error);
            await Task.Delay(5);
        }
        report.Add("projection built from position 0", Report.PerSecond(count, rebuild.Elapsed));
    }

    /// <summary>A read model as simple as a real one gets: a row per stream, updated by each event.</summary>
    private sealed class EventsPerStream : ISqliteProjection
    {
        public const string ProjectionName = "bench_streams";
        public string Name => ProjectionName;
        public int Version => 1;
        public SubscriptionFilter? Filter => null;
        public IReadOnlyList<string> Tables { get; } = ["streams"];

        public void CreateSchema(ProjectionContext context) =>
            context.Execute($"CREATE TABLE {context.Table("streams")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL, last_position INTEGER NOT NULL)");

        public void Apply(ProjectionContext context, RecordedEvent recorded) =>
            context.Execute(
                $"INSERT INTO {context.Table("streams")} (stream, events, last_position) VALUES ($s, 1, $p) " +
                "ON CONFLICT(stream) DO UPDATE SET events = events + 1, last_position = $p",
                ("$s", recorded.Stream), ("$p", (long)recorded.Position.Commit));
    }
}
