using System.Diagnostics;

namespace Registry.Bench;

/// <summary>Closed-loop load: every caller sends its next call as soon as the previous one is answered.</summary>
internal static class Load
{
    public sealed record Result(long Completed, TimeSpan Elapsed, long[] LatencyTicks, int Errors, string? FirstError)
    {
        public double PerSecond => Completed / Elapsed.TotalSeconds;

        /// <summary>Milliseconds.</summary>
        public double Percentile(double p) => LatencyTicks.Length == 0 ? double.NaN
            : LatencyTicks[Math.Clamp((int)Math.Ceiling(p * LatencyTicks.Length) - 1, 0, LatencyTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public static async Task<Result> RunAsync(int callers, TimeSpan duration, Func<int, long, Task> call)
    {
        var errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var lastDone = start;
        var latencies = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var mine = new List<long>(65536);
            for (long n = 0; ; n++)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= end)
                    break;
                try
                {
                    await call(caller, n);
                    var done = Stopwatch.GetTimestamp();
                    mine.Add(done - sent);
                    InterlockedMax(ref lastDone, done);
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                        firstError = e.Message;
                }
            }
            return mine;
        })));
        if (firstError is not null)
            await Console.Error.WriteLineAsync($"first error: {firstError}");
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Result(all.Length, Stopwatch.GetElapsedTime(start, lastDone), all, errors, firstError);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
