using System.Collections.Concurrent;
using Registry.Contracts;
using Registry.Projections.Publishing;

namespace Registry.Publishing.Bench;

/// <summary>
/// Wraps the registry's sink: when a batch is confirmed (the moment the publisher may move its checkpoint),
/// records for each ProgramStateChanged how long after its event was committed that was.
/// </summary>
internal sealed class ConfirmClock(IMessageSink inner) : IMessageSink
{
    private readonly ConcurrentQueue<(DateTimeOffset Recorded, TimeSpan Lag)> _lags = new();
    private long _confirmed;

    public long Confirmed => Interlocked.Read(ref _confirmed);

    public bool HasAudience(Type messageType) => inner.HasAudience(messageType);

    public async Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        await inner.PublishAsync(messages, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        foreach (var message in messages)
        {
            if (message.Message is ProgramStateChanged changed)
                _lags.Enqueue((changed.RecordedAt, now - changed.RecordedAt));
        }
        Interlocked.Add(ref _confirmed, messages.Count);
    }

    /// <summary>Where the host's composition leaves the clock it created.</summary>
    public sealed class Holder
    {
        public ConfirmClock? Clock { get; set; }
    }

    /// <summary>Lags of the events committed at or after <paramref name="from"/>, sorted.</summary>
    public TimeSpan[] LagsSince(DateTimeOffset from) => _lags.Where(l => l.Recorded >= from).Select(l => l.Lag).Order().ToArray();
}
