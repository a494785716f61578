namespace Registry.EventStore;

/// <summary>What a subscription yields: events in log order, and a mark each time it has caught up with the head.</summary>
public abstract record SubscriptionMessage
{
    private SubscriptionMessage()
    {
    }

    public sealed record EventAppeared(RecordedEvent Recorded) : SubscriptionMessage;

    /// <summary>Everything up to <see cref="Head"/> has been delivered; what follows is live.</summary>
    public sealed record CaughtUp(Position Head) : SubscriptionMessage;
}
