using System.Diagnostics;

namespace Registry.Bench;

/// <summary>Processor time used by the server and by this bench's own client.</summary>
internal readonly record struct CpuTime(TimeSpan Server, TimeSpan Bench)
{
    /// <summary>Both so far; the server's is zero when its process is not given.</summary>
    public static CpuTime Of(Process? server)
    {
        server?.Refresh();
        using var bench = Process.GetCurrentProcess();
        return new(server?.TotalProcessorTime ?? TimeSpan.Zero, bench.TotalProcessorTime);
    }

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.Server - before.Server, after.Bench - before.Bench);
}
