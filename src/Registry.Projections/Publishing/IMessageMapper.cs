using Registry.EventStore;

namespace Registry.Projections.Publishing;

/// <summary>Turns events of the log into the messages subscribers receive.</summary>
public interface IMessageMapper
{
    /// <summary>Names the publisher that runs it (and its checkpoint): stable, letters, digits and '-'.</summary>
    string Name { get; }

    /// <summary>The events it maps; null for every event.</summary>
    SubscriptionFilter? Filter { get; }

    /// <summary>The types of the messages it makes: when the bus has no audience for any of them, nothing is mapped.</summary>
    IReadOnlyList<Type> MessageTypes { get; }

    /// <summary>
    /// The messages for one event, given in log order (a mapper may keep state across calls, for example the
    /// current state of each programme, and read the log to build it). Derive each message id with
    /// <see cref="MessageIds.Derive"/>.
    /// </summary>
    ValueTask<IReadOnlyList<OutgoingMessage>> MapAsync(RecordedEvent recorded, CancellationToken cancellationToken);
}
