namespace Registry.EventStoreDb.Connection;

/// <summary>Delays between retries: doubling from the discovery interval up to a ceiling, reset after a success.</summary>
internal sealed class Backoff(TimeSpan first, TimeSpan ceiling)
{
    private readonly TimeSpan _first = first;
    private TimeSpan _next = first;

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, ceiling.Ticks));
        return delay;
    }

    public void Reset() => _next = _first;
}
