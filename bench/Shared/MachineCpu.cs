using System.Diagnostics;
using System.Globalization;

namespace Registry.Bench;

/// <summary>
/// Where the machine's processors went during a phase (Linux only: /proc/stat): the server, this bench's own
/// client, anything else, idle, and time the hypervisor gave to other guests (steal). A ratio to the echo says
/// little on its own: a run whose processors were all busy is bound by CPU, one with idle left by something else.
/// </summary>
internal sealed class MachineCpu
{
    private static readonly double SecondsPerTick = 1.0 / 100; // USER_HZ, 100 on Linux

    private readonly long _timestamp;
    private readonly double _busy;
    private readonly double _idle;
    private readonly double _steal;
    private readonly TimeSpan _server;
    private readonly TimeSpan _bench;

    private MachineCpu(long timestamp, double busy, double idle, double steal, TimeSpan server, TimeSpan bench)
    {
        _timestamp = timestamp;
        _busy = busy;
        _idle = idle;
        _steal = steal;
        _server = server;
        _bench = bench;
    }

    /// <summary>The machine's and both processes' CPU time so far; null where /proc/stat is not there.</summary>
    public static MachineCpu? Sample(Process? server)
    {
        if (!File.Exists("/proc/stat"))
            return null;
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in ticks, summed over processors;
        // guest time is already counted in user time.
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture) * SecondsPerTick).ToArray();
        server?.Refresh();
        using var bench = Process.GetCurrentProcess();
        return new MachineCpu(Stopwatch.GetTimestamp(),
            busy: ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6],
            idle: ticks[3] + ticks[4],
            steal: ticks[7],
            server?.TotalProcessorTime ?? TimeSpan.Zero,
            bench.TotalProcessorTime);
    }

    /// <summary>"machine during X: 93% busy of 2 cores: server 1.45 cores, this client 0.26, other 0.15; idle 0.12, steal 0.02".</summary>
    public static string Describe(string phase, MachineCpu? before, MachineCpu? after)
    {
        if (before is null || after is null)
            return $"machine during {phase}: not measured (no /proc/stat)";
        var seconds = Stopwatch.GetElapsedTime(before._timestamp, after._timestamp).TotalSeconds;
        double Cores(double used) => used / seconds;
        var busy = Cores(after._busy - before._busy);
        var server = Cores((after._server - before._server).TotalSeconds);
        var bench = Cores((after._bench - before._bench).TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"machine during {phase}: {100 * busy / Environment.ProcessorCount:F0}% busy of {Environment.ProcessorCount} cores: " +
            $"server {server:F2} cores, this client {bench:F2}, other {Math.Max(0, busy - server - bench):F2}; " +
            $"idle {Cores(after._idle - before._idle):F2}, steal {Cores(after._steal - before._steal):F2}");
    }
}
