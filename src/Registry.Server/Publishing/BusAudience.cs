using MassTransit;
using MassTransit.Configuration;

namespace Registry.Server.Publishing;

/// <summary>
/// Who can receive a message type on the bus. On RabbitMQ anybody may: subscribers are other processes with
/// queues of their own. On the in-memory transport only the consumers registered in this process (the
/// <c>consumers</c> of <see cref="BusServices.AddBus"/>) can; MassTransit serializes a message nobody consumes
/// and drops it, so publishers need not build it. Registrations whose messages cannot be told from their type
/// (sagas, routing-slip activities, futures, job consumers) count as receiving everything. Consumers connected
/// to the bus at run time (<c>IBus.ConnectReceiveEndpoint</c>) are not seen: register them with the bus.
/// </summary>
internal sealed class BusAudience
{
    private readonly Type[]? _consumed;

    private BusAudience(Type[]? consumed) => _consumed = consumed;

    public static BusAudience Everybody { get; } = new(null);

    /// <summary>The consumers registered with MassTransit in this container, for the in-memory transport.</summary>
    public static BusAudience InProcess(IServiceProvider provider)
    {
        if (provider.GetServices<ISagaRegistration>().Any() || provider.GetServices<IActivityRegistration>().Any()
            || provider.GetServices<IExecuteActivityRegistration>().Any() || provider.GetServices<IFutureRegistration>().Any()
            || provider.GetServices<IJobServiceRegistration>().Any())
            return Everybody;
        var consumed = new List<Type>();
        foreach (var consumer in provider.GetServices<IConsumerRegistration>())
        {
            var messages = ConsumedBy(consumer.Type);
            if (messages.Count == 0)
                return Everybody; // a kind of consumer whose messages we cannot tell (e.g. a job consumer)
            consumed.AddRange(messages);
        }
        return new BusAudience([.. consumed]);
    }

    /// <summary>A consumer of a base type or interface receives what is published as any type deriving from it.</summary>
    public bool HasAudience(Type messageType) => _consumed is null || _consumed.Any(consumed => consumed.IsAssignableFrom(messageType));

    /// <summary>The T of every IConsumer&lt;T&gt; it implements (of IConsumer&lt;Batch&lt;T&gt;&gt;: T, the type published).</summary>
    private static List<Type> ConsumedBy(Type consumer) => consumer.GetInterfaces()
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0])
        .Select(message => message.IsGenericType && message.GetGenericTypeDefinition() == typeof(Batch<>) ? message.GetGenericArguments()[0] : message)
        .ToList();
}
