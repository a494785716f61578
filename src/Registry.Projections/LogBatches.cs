using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Registry.EventStore;

namespace Registry.Projections;

/// <summary>
/// A subscription cut into batches: each batch is what had arrived when the previous one was done (up to a
/// maximum), so a follower behind the head commits many events per transaction and a live one commits each
/// event promptly.
/// </summary>
internal static class LogBatches
{
    public sealed record Batch(IReadOnlyList<RecordedEvent> Events, Position? CaughtUpHead)
    {
        /// <summary>The furthest position this batch proves delivered.</summary>
        public Position? End
        {
            get
            {
                var last = Events.Count > 0 ? Events[^1].Position : (Position?)null;
                if (CaughtUpHead is { } head && (last is null || head > last.Value))
                    return head;
                return last;
            }
        }
    }

    /// <summary>How long a filtered subscription stays quiet before the probe looks whether the log moved on without it.</summary>
    private static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(1);

    /// <param name="minInterval">The shortest time between two batches that are not full (<see cref="Follower.BatchInterval"/>).</param>
    /// <param name="pacing">Where that pause is taken, so that a reader waiting for the next batch can end it.</param>
    /// <param name="from">Where the subscription starts (its checkpoint).</param>
    /// <param name="probe">For a filtered subscription: when it is quiet, yields a "caught up" batch once the log has moved on with nothing for it.</param>
    public static async IAsyncEnumerable<Batch> ReadAsync(IAsyncEnumerable<SubscriptionMessage> subscription, int maxBatch, TimeSpan minInterval, BatchPacing pacing,
        [EnumeratorCancellation] CancellationToken cancellationToken, Position? from = null, QuietLogProbe? probe = null)
    {
        var buffer = Channel.CreateBounded<SubscriptionMessage>(new BoundedChannelOptions(maxBatch * 4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(subscription, buffer.Writer, stop.Token);
        try
        {
            var events = new List<RecordedEvent>(maxBatch);
            var last = from ?? Position.Start;
            Task<bool>? waiting = null;
            var lastBatch = 0L;
            while (true)
            {
                // One wait at a time on the channel (single reader), kept across quiet spells.
                waiting ??= buffer.Reader.WaitToReadAsync(cancellationToken).AsTask();
                if (probe is not null && await Task.WhenAny(waiting, Task.Delay(QuietAfter, cancellationToken)) != waiting)
                {
                    if (await probe.HeadWithNothingAfterAsync(last, cancellationToken) is { } head)
                    {
                        last = head;
                        yield return new Batch([], head);
                    }
                    continue;
                }
                var more = await waiting;
                waiting = null;
                if (!more)
                    break;
                var sinceLast = Stopwatch.GetElapsedTime(lastBatch);
                if (sinceLast < minInterval && buffer.Reader.Count < maxBatch)
                    await pacing.PauseAsync(minInterval - sinceLast, cancellationToken);
                lastBatch = Stopwatch.GetTimestamp();
                Position? caughtUp = null;
                while (events.Count < maxBatch && buffer.Reader.TryRead(out var message))
                {
                    if (message is SubscriptionMessage.EventAppeared appeared)
                        events.Add(appeared.Recorded);
                    else if (message is SubscriptionMessage.CaughtUp up)
                        caughtUp = up.Head;
                }
                var batch = new Batch(events.ToArray(), caughtUp);
                if (batch.End is { } end && end > last)
                    last = end;
                yield return batch;
                events.Clear();
            }
            await pump;
        }
        finally
        {
            await stop.CancelAsync();
            await pump.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private static async Task PumpAsync(IAsyncEnumerable<SubscriptionMessage> subscription, ChannelWriter<SubscriptionMessage> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.WithCancellation(cancellationToken))
                await writer.WriteAsync(message, cancellationToken);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e is OperationCanceledException ? null : e);
        }
    }
}
