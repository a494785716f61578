using MassTransit;
using Registry.Projections.Publishing;
using Registry.Server.Telemetry;

namespace Registry.Server.Publishing;

/// <summary>
/// The publisher's bus: every message of a batch is published at once (many in flight) and the batch counts
/// as confirmed only when MassTransit has completed every publish (with RabbitMQ, a publisher confirm). A
/// broker that is down makes MassTransit wait for the connection; past the confirm timeout the batch fails,
/// so that the publisher reports the outage and retries.
/// </summary>
internal sealed class MassTransitMessageSink(IBus bus, BusAudience audience, TimeSpan confirmTimeout, PublishOutcomes outcomes) : IMessageSink
{
    public bool HasAudience(Type messageType) => audience.HasAudience(messageType);

    public async Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(confirmTimeout);
        try
        {
            await Task.WhenAll(messages.Select(message => PublishAsync(message, timeout.Token)));
            outcomes.Confirmed();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = new TimeoutException($"The bus did not confirm all of {messages.Count} messages within {confirmTimeout.TotalSeconds:0.#} s; is the broker reachable?");
            outcomes.Failed(error);
            throw error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcomes.Failed(e);
            throw;
        }
    }

    /// <summary>A message with a stored trace context is published inside a span that continues it (<see cref="PublishSpans"/>).</summary>
    private Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        message.TraceContext == default ? PublishUntracedAsync(message, cancellationToken) : PublishTracedAsync(message, cancellationToken);

    private async Task PublishTracedAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var span = PublishSpans.StartMessage(message);
        await PublishUntracedAsync(message, cancellationToken);
    }

    private Task PublishUntracedAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        bus.Publish(message.Message, message.Message.GetType(), context => context.MessageId = message.MessageId, cancellationToken);
}
