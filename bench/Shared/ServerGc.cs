using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Registry.Bench;

/// <summary>
/// The server's garbage collections while the commands run, from the runtime's own GC events (an EventPipe
/// session on the server process): each collection's generation, its pause (from suspending the runtime to
/// resuming it, with the parts spent suspending the threads and collecting), the bytes it promoted, and how many of
/// those marking reached from older generations' references, and how long marking from each kind of root and the work
/// after marking (planning, moving survivors, updating references) took the slowest heap. Under load the pauses, not the disk, set the
/// commands' p99, and the bytes promoted per gen0 collection are steadier from run to run than calls/s on a shared
/// machine.
/// </summary>
internal sealed class ServerGc : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly List<Collection> _collections = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private TimeSpan _watched;
    private double _suspendedAt;
    private double _suspendedBy;
    private double _collectedAt;
    private double _collectedBy;
    private readonly YoungSurvivors? _survivors;
    private int _generation = -1;
    private long _promoted;
    private long _markedThroughOlder;
    private readonly Dictionary<int, double> _markedUpTo = [];
    private readonly double[] _markMs = new double[RootKinds.Length];

    private readonly record struct Collection(int Generation, double PauseMs, double SuspendMs, double CollectMs, long Promoted, long MarkedThroughOlder,
        double[] MarkMs, double MarkedByMs);

    /// <summary>
    /// GCMarkWithType's root kinds (the runtime's gc_root_kind), in the order a heap marks them. Each event comes when
    /// a heap has marked from one kind of root, so the time since its previous one is how long that took.
    /// </summary>
    private static readonly string[] RootKinds =
        ["stacks", "finalization queue", "handles", "older generations", "sized refs", "overflow", "dependent handles", "new finalizable", "stolen", "background"];

    /// <summary>GCMarkWithType's root kind for references from older generations (the runtime's gc_root_kind "older").</summary>
    private const int OlderGenerationRoots = 3;

    private ServerGc(int pid, bool survivors)
    {
        var gc = survivors
            ? new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, YoungSurvivors.Keywords)
            : new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC);
        _session = new DiagnosticsClient(pid).StartEventPipeSession(gc, requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _survivors = survivors ? new YoungSurvivors(_source) : null;
        _source.Clr.GCSuspendEEStart += e => _suspendedAt = e.TimeStampRelativeMSec;
        _source.Clr.GCSuspendEEStop += e => _suspendedBy = e.TimeStampRelativeMSec;
        _source.Clr.GCStart += e =>
        {
            _generation = e.Depth;
            _collectedAt = e.TimeStampRelativeMSec;
            _markedThroughOlder = 0;
            _markedUpTo.Clear();
            Array.Clear(_markMs);
        };
        // What marking reached from older generations' references (the card table), as opposed to stacks and handles,
        // and how long each kind of root took the slowest heap (server GC marks the heaps in parallel).
        _source.Clr.GCMarkWithType += e =>
        {
            if (e.Type == OlderGenerationRoots)
                _markedThroughOlder += e.Promoted;
            var since = _markedUpTo.GetValueOrDefault(e.HeapNum, _collectedAt);
            if (e.Type >= 0 && e.Type < RootKinds.Length)
                _markMs[e.Type] = Math.Max(_markMs[e.Type], e.TimeStampRelativeMSec - since);
            _markedUpTo[e.HeapNum] = e.TimeStampRelativeMSec;
        };
        _source.Clr.GCStop += e => _collectedBy = e.TimeStampRelativeMSec;
        // Each generation's promoted bytes go to the next one; what a collection promoted in all is their sum.
        _source.Clr.GCHeapStats += e => _promoted = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2;
        _source.Clr.GCRestartEEStop += e =>
        {
            // A collection already under way when the session began is not counted: its start was missed.
            if (_generation < 0)
                return;
            lock (_collections)
            {
                // A background gen2 collection goes on after the threads resume: only its part inside the pause counts.
                var collectedBy = _collectedBy >= _collectedAt ? _collectedBy : e.TimeStampRelativeMSec;
                var markedBy = _markedUpTo.Count == 0 ? 0 : _markedUpTo.Values.Max() - _collectedAt;
                _collections.Add(new Collection(_generation, e.TimeStampRelativeMSec - _suspendedAt, _suspendedBy - _suspendedAt, collectedBy - _collectedAt, _promoted,
                    _markedThroughOlder, [.. _markMs], markedBy));
            }
            _generation = -1;
        };
        _reading = Task.Run(_source.Process);
    }

    /// <summary>
    /// Watches <paramref name="pid"/>, or says why it cannot (diagnostics disabled, another user's process). With
    /// <paramref name="survivors"/>, also what survives its gen0 collections (<see cref="YoungSurvivors"/>: more events, so only when asked).
    /// </summary>
    public static ServerGc? Watch(int pid, bool survivors, TextWriter why)
    {
        try
        {
            return new ServerGc(pid, survivors);
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or UnauthorizedAccessException)
        {
            why.WriteLine($"server GC: not watched ({e.Message})");
            return null;
        }
    }

    /// <summary>Ends the session; what it saw until then is what <see cref="Print"/> reports.</summary>
    public void Stop()
    {
        _watched = DateTime.UtcNow - _started;
        _session.Stop();
        _reading.Wait(TimeSpan.FromSeconds(10));
    }

    public void Print(TextWriter output)
    {
        List<Collection> seen;
        lock (_collections)
            seen = [.. _collections];
        var paused = seen.Sum(c => c.PauseMs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server GC during the commands: paused {paused:F0} ms of {_watched.TotalMilliseconds:F0} ms ({100 * paused / _watched.TotalMilliseconds:F1}%)"));
        foreach (var generation in seen.GroupBy(c => c.Generation).OrderBy(g => g.Key))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  gen{generation.Key}: {generation.Count()} collections, pause mean {generation.Average(c => c.PauseMs):F1} ms (suspending {generation.Average(c => c.SuspendMs):F1}, collecting {generation.Average(c => c.CollectMs):F1}), max {generation.Max(c => c.PauseMs):F1} ms, promoted mean {generation.Average(c => c.Promoted) / 1e6:F1} MB (reached from older generations {generation.Average(c => c.MarkedThroughOlder) / 1e6:F1} MB)"));
            if (generation.Key < 2)
                output.WriteLine("    " + MarkingText(generation.ToList()));
        }
        _survivors?.Print(output);
    }

    /// <summary>"marking from stacks 0.4 ms, older generations 6.1 ms, ...; after marking 9.8 ms": means per collection, kinds under 0.1 ms left out.</summary>
    private static string MarkingText(List<Collection> collections)
    {
        var kinds = Enumerable.Range(0, RootKinds.Length)
            .Select(kind => (Name: RootKinds[kind], Ms: collections.Average(c => c.MarkMs[kind])))
            .Where(k => k.Ms >= 0.1)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name} {k.Ms:F1} ms"));
        var after = collections.Average(c => c.CollectMs - c.MarkedByMs);
        return string.Create(CultureInfo.InvariantCulture, $"marking from {string.Join(", ", kinds)}; after marking (planning, moving) {after:F1} ms (slowest heap, mean)");
    }

    public void Dispose()
    {
        _source.Dispose();
        _session.Dispose();
    }
}
