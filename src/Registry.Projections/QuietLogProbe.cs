using Registry.EventStore;

namespace Registry.Projections;

/// <summary>
/// For a filtered subscription gone quiet: how far the log has moved on with nothing for it. Other streams
/// (a publisher's lease renewals, say) move the head while a filtered follower hears nothing, and its
/// checkpoint would stay behind for good; when every event since its last position is one the filter rejects,
/// the follower is at the head, and can say so.
/// </summary>
internal sealed class QuietLogProbe(IEventStore store, SubscriptionFilter filter)
{
    private const int MaxScanned = 256;

    /// <summary>The head, when nothing after <paramref name="last"/> up to it passes the filter; otherwise null.</summary>
    public async Task<Position?> HeadWithNothingAfterAsync(Position last, CancellationToken cancellationToken)
    {
        var head = await store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        if (head <= last)
            return null;
        var scanned = 0;
        await foreach (var recorded in store.ReadAllAsync(Direction.Forwards, last, MaxScanned + 1, cancellationToken).ConfigureAwait(false))
        {
            if (recorded.Position <= last)
                continue;
            if (recorded.Position > head)
                break;
            if (filter.Matches(recorded.Stream, recorded.Type) || ++scanned > MaxScanned)
                return null;
        }
        return head;
    }
}
