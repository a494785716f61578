using System.Collections.Concurrent;
using Registry.EventStore;
using Registry.Projections.Publishing;

namespace Registry.Projections.Tests;

/// <summary>What the test publishers publish: one message per event, its id derived from the event's.</summary>
public sealed record EventSeen(Guid EventId, string Stream);

internal sealed class EventSeenMapper(SubscriptionFilter? filter = null) : IMessageMapper
{
    public string Name => "test-publisher";
    private int _mapped;

    public SubscriptionFilter? Filter => filter;
    public IReadOnlyList<Type> MessageTypes { get; } = [typeof(EventSeen)];

    /// <summary>Events it was asked to map.</summary>
    public int Mapped => Volatile.Read(ref _mapped);

    public ValueTask<IReadOnlyList<OutgoingMessage>> MapAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _mapped);
        return ValueTask.FromResult<IReadOnlyList<OutgoingMessage>>(
            [new OutgoingMessage(MessageIds.Derive(recorded.EventId, nameof(EventSeen)), new EventSeen(recorded.EventId, recorded.Stream))]);
    }
}

/// <summary>A bus that keeps what it was given (with who sent it, and when), fails on demand, dies after a publish, or has nobody listening.</summary>
internal sealed class RecordingSink : IMessageSink
{
    private readonly ConcurrentQueue<OutgoingMessage> _published = new();
    private readonly ConcurrentQueue<(string Sender, long At, OutgoingMessage Message)> _sent = new();

    public volatile bool Failing;
    public Action? AfterPublish { get; init; }
    public bool Unheard { get; init; }
    public OutgoingMessage[] Published => _published.ToArray();

    /// <summary>Every message with the name of the sink that sent it and the moment (Stopwatch timestamp).</summary>
    public (string Sender, long At, OutgoingMessage Message)[] Sent => _sent.ToArray();

    /// <summary>The same bus, seen through a named sender (an instance of a publisher).</summary>
    public IMessageSink As(string sender) => new Named(this, sender);

    public Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken) => Publish(messages, "", cancellationToken);

    public bool HasAudience(Type messageType) => !Unheard;

    private Task Publish(IReadOnlyList<OutgoingMessage> messages, string sender, CancellationToken cancellationToken)
    {
        if (Failing)
            throw new InvalidOperationException("the bus is down");
        foreach (var message in messages)
        {
            _published.Enqueue(message);
            _sent.Enqueue((sender, System.Diagnostics.Stopwatch.GetTimestamp(), message));
        }
        if (AfterPublish is not null)
        {
            // The process dies after the bus confirmed, before the checkpoint is written.
            AfterPublish();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return Task.CompletedTask;
    }

    private sealed class Named(RecordingSink bus, string sender) : IMessageSink
    {
        public Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken) => bus.Publish(messages, sender, cancellationToken);

        public bool HasAudience(Type messageType) => bus.HasAudience(messageType);
    }
}
