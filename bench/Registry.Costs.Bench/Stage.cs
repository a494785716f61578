using System.Diagnostics;
using System.Globalization;

namespace Registry.Costs.Bench;

/// <summary>One stage's figures: this process's CPU time and allocations per command, and the wall-clock rate.</summary>
internal sealed record Stage(string Name, double CpuMicroseconds, double KilobytesAllocated, double PerSecond)
{
    public static Stage Measure(string name, int count, Action work) =>
        MeasureAsync(name, count, () => { work(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    public static async Task<Stage> MeasureAsync(string name, int count, Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        process.Refresh();
        return new Stage(name, (process.TotalProcessorTime - cpu).TotalMicroseconds / count,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count, count / clock.Elapsed.TotalSeconds);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name,-58} {CpuMicroseconds,10:F1} {KilobytesAllocated,12:F1} {PerSecond,12:F0}");
}
