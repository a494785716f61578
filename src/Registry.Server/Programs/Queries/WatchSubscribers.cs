using Registry.Server.Telemetry;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Caps the watch streams open at once ("Queries:MaxWatchSubscribers"): each holds a log subscription, so
/// one more than the cap is refused with RESOURCE_EXHAUSTED rather than slowing every watcher down.
/// </summary>
internal sealed class WatchSubscribers(int max)
{
    public const int DefaultMax = 100;

    private int _count;

    public int Max => max;

    /// <summary>A place among the watchers, given back on dispose; null when all are taken.</summary>
    public Lease? TryEnter()
    {
        if (Interlocked.Increment(ref _count) <= max)
        {
            HostMetrics.WatchStreams.Add(1);
            return new Lease(this);
        }
        Interlocked.Decrement(ref _count);
        return null;
    }

    internal sealed class Lease(WatchSubscribers owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            Interlocked.Decrement(ref owner._count);
            HostMetrics.WatchStreams.Add(-1);
        }
    }
}
