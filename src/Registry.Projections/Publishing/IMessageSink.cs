namespace Registry.Projections.Publishing;

/// <summary>The bus, as the publisher sees it.</summary>
public interface IMessageSink
{
    /// <summary>
    /// Publishes all the messages, with as many in flight as the bus allows, and completes only when the bus
    /// has confirmed every one of them; throws when any was not confirmed.
    /// </summary>
    Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// False only when the bus can tell that nobody would receive a message of this type (MassTransit's in-memory
    /// transport with no consumer of it in the process): publishing it would serialize it and drop it.
    /// </summary>
    bool HasAudience(Type messageType);
}
