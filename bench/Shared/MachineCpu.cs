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
    // Null where /proc/stat is not there.
    private readonly (double Busy, double Idle, double Steal)? _machine;

    private MachineCpu(long timestamp, (double, double, double)? machine, CpuTime processes)
    {
        _timestamp = timestamp;
        _machine = machine;
        Processes = processes;
    }

    /// <summary>The server's and this client's CPU time so far.</summary>
    public CpuTime Processes { get; }

    /// <summary>The machine's and both processes' CPU time so far.</summary>
    public static MachineCpu Sample(Process? server) => new(Stopwatch.GetTimestamp(), Machine(), CpuTime.Of(server));

    private static (double Busy, double Idle, double Steal)? Machine()
    {
        if (!File.Exists("/proc/stat"))
            return null;
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in ticks, summed over processors;
        // guest time is already counted in user time.
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture) * SecondsPerTick).ToArray();
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6], ticks[3] + ticks[4], ticks[7]);
    }

    /// <summary>"machine during X: 93% busy of 2 cores: server 1.45 cores, this client 0.26, other 0.15; idle 0.12, steal 0.02".</summary>
    public static string Describe(string phase, MachineCpu before, MachineCpu after)
    {
        if (before._machine is not { } start || after._machine is not { } end)
            return $"machine during {phase}: not measured (no /proc/stat)";
        var seconds = Stopwatch.GetElapsedTime(before._timestamp, after._timestamp).TotalSeconds;
        double Cores(double used) => used / seconds;
        var busy = Cores(end.Busy - start.Busy);
        var processes = after.Processes - before.Processes;
        var server = Cores(processes.Server.TotalSeconds);
        var bench = Cores(processes.Bench.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"machine during {phase}: {100 * busy / Environment.ProcessorCount:F0}% busy of {Environment.ProcessorCount} cores: " +
            $"server {server:F2} cores, this client {bench:F2}, other {Math.Max(0, busy - server - bench):F2}; " +
            $"idle {Cores(end.Idle - start.Idle):F2}, steal {Cores(end.Steal - start.Steal):F2}");
    }
}
