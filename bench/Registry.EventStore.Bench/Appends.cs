using System.Diagnostics;
using Registry.EventStore.Sqlite;

namespace Registry.EventStore.Bench;

/// <summary>Durable single-event appends from many concurrent writers, each to its own stream.</summary>
internal static class Appends
{
    public static async Task MeasureAsync(string directory, int[] writerCounts, TimeSpan duration, Report report)
    {
        Console.WriteLine("== durable single-event appends");
        foreach (var writers in writerCounts)
        {
            var path = Path.Combine(directory, $"appends-{writers}.db");
            await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = path });
            await RunAsync(store, writers, TimeSpan.FromSeconds(1)); // warm-up: JIT, file growth
            var (count, latencies, elapsed) = await RunAsync(store, writers, duration);
            latencies.Sort();
            report.Add($"appends, {writers} writer{(writers == 1 ? "" : "s")}",
                $"{Report.PerSecond(count, elapsed)}, p50 {Report.Milliseconds(Percentile(latencies, 0.50))}, p99 {Report.Milliseconds(Percentile(latencies, 0.99))}");
        }
    }

    private static async Task<(long Count, List<double> Latencies, TimeSpan Elapsed)> RunAsync(SqliteEventStore store, int writers, TimeSpan duration)
    {
        var perWriter = new List<double>[writers];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var latencies = perWriter[w] = new List<double>(100_000);
            var stream = $"bench-{w}-{Guid.NewGuid():N}";
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await store.AppendAsync(stream, ExpectedRevision.Any, [Workload.Event()]);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = watch.Elapsed;
        var all = perWriter.SelectMany(l => l).ToList();
        return (all.Count, all, elapsed);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];
}
