using System.Text;
using Registry.EventStore;

namespace Registry.EventStoreDb.Tests;

internal static class Subscriptions
{
    public static EventData[] Events(int count) => Enumerable.Range(0, count)
        .Select(i => new EventData(Guid.NewGuid(), "Faulted.v1", Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), Encoding.UTF8.GetBytes("{}")))
        .ToArray();

    /// <summary>
    /// Collects events until <paramref name="total"/> have arrived, calling <paramref name="onCount"/> after each
    /// (where a test injects its fault); fails after 60 s rather than hanging.
    /// </summary>
    public static async Task<List<RecordedEvent>> CollectAsync(IAsyncEnumerable<SubscriptionMessage> subscription, int total, Func<int, Task>? onCount = null)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<RecordedEvent>();
        try
        {
            await foreach (var message in subscription.WithCancellation(patience.Token))
            {
                if (message is not SubscriptionMessage.EventAppeared appeared)
                    continue;
                events.Add(appeared.Recorded);
                if (onCount is not null)
                    await onCount(events.Count);
                if (events.Count >= total)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the subscription delivered {events.Count} of {total} events in 60 s");
        }
        return events;
    }
}
