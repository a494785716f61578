using MassTransit;
using Registry.Projections.Publishing;

namespace Registry.Server.Publishing;

/// <summary>
/// The publisher's bus: every message of a batch is published at once (many in flight) and the batch counts
/// as confirmed only when MassTransit has completed every publish (with RabbitMQ, a publisher confirm).
/// </summary>
internal sealed class MassTransitMessageSink(IBus bus) : IMessageSink
{
    public Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken) =>
        Task.WhenAll(messages.Select(message =>
            bus.Publish(message.Message, message.Message.GetType(), context => context.MessageId = message.MessageId, cancellationToken)));
}
