using Registry.EventStore;

namespace Registry.EventStoreDb.Conformance;

internal static class StoreReads
{
    /// <summary>The revision of the stream's last event, or null when it does not exist.</summary>
    public static async Task<long?> LastRevisionAsync(this IEventStore store, string stream, CancellationToken cancellationToken)
    {
        await foreach (var last in store.ReadStreamAsync(stream, Direction.Backwards, long.MaxValue, 1, cancellationToken))
            return last.Revision;
        return null;
    }
}
