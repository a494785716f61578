using System.Globalization;

namespace Registry.Bench;

/// <summary>
/// The server's CPU time by thread, from /proc (Linux only): which of its threads a load keeps busy. Less
/// noisy than calls/s when other work shares the machine, and it says which stage a change moved. A thread is
/// known by its name as the kernel keeps it (15 characters); threads that ended between two samples are
/// counted only in the process's total.
/// </summary>
internal sealed class ServerThreads
{
    // Named by the registry's own threads and the runtime's; the rest are grouped as "other".
    private static readonly (string Prefix, string Group)[] Groups =
    [
        (".NET TP Worker", "thread pool"),
        ("Read-model writ", "read-model writer"),
        ("Read-model chec", "checkpointers"),
        ("Registry log wr", "log writer"),
        ("Registry log ch", "checkpointers"),
        (".NET Server GC", "GC"),
        (".NET BGC", "GC"),
        // Methods still being recompiled optimised: warm-up not over yet (WARMUP), not a cost of commands.
        (JitThread, "JIT"),
    ];

    private const string JitThread = ".NET Tiered Com";

    private static readonly double SecondsPerTick = 1.0 / 100; // USER_HZ, 100 on Linux

    private readonly Dictionary<int, (string Name, double Seconds)> _threads;

    private ServerThreads(Dictionary<int, (string Name, double Seconds)> threads) => _threads = threads;

    /// <summary>Every live thread's CPU time so far; empty where /proc is not there.</summary>
    public static ServerThreads Sample(int pid)
    {
        var threads = new Dictionary<int, (string, double)>();
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
            return new ServerThreads(threads);
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                // Fields after the name in parentheses: state is the 3rd field of the line, utime the 14th, stime the 15th.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, ticks * SecondsPerTick);
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }
        return new ServerThreads(threads);
    }

    /// <summary>CPU seconds of the runtime's tier-1 compiler (its background thread) so far.</summary>
    public double JitSeconds => _threads.Values.Where(t => t.Name.StartsWith(JitThread, StringComparison.Ordinal)).Sum(t => t.Seconds);

    /// <summary>
    /// Waits until the server's tier-1 compiler has been idle for <paramref name="quiet"/> (at most <paramref name="limit"/>):
    /// code first run by a warm-up is recompiled optimised in the background shortly after, on the cores the measurement
    /// then shares. Returns how long that took and the compiler's CPU meanwhile.
    /// </summary>
    public static async Task<(TimeSpan Waited, double JitSeconds)> JitSettledAsync(int pid, TimeSpan quiet, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = Sample(pid).JitSeconds;
        var last = first;
        var since = TimeSpan.Zero;
        while (clock.Elapsed - since < quiet && clock.Elapsed < limit)
        {
            await Task.Delay(100);
            var now = Sample(pid).JitSeconds;
            if (now != last)
                (since, last) = (clock.Elapsed, now);
        }
        return (clock.Elapsed, last - first);
    }

    /// <summary>"thread pool 55 us, read-model writer 43 us, ...": the CPU each group of threads used between two samples, per command.</summary>
    public static string PerCommand(ServerThreads before, ServerThreads after, TimeSpan processTotal, long commands)
    {
        var groups = new Dictionary<string, double>();
        foreach (var (id, (name, seconds)) in after._threads)
        {
            var used = seconds - (before._threads.TryGetValue(id, out var earlier) ? earlier.Seconds : 0);
            var group = Groups.FirstOrDefault(g => name.StartsWith(g.Prefix, StringComparison.Ordinal)).Group ?? "other";
            groups[group] = groups.GetValueOrDefault(group) + used;
        }
        groups["other"] = groups.GetValueOrDefault("other") + Math.Max(0, processTotal.TotalSeconds - groups.Values.Sum());
        return string.Join(", ", groups.OrderByDescending(g => g.Value)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value * 1e6 / commands:F0} us")));
    }
}
