using System.Threading.Channels;
using Registry.EventStore;

namespace Registry.Projections.Tests;

/// <summary>
/// A follower under load pauses between batches that are not full, to commit more events at once; whoever waits
/// for its next commit ends the pause (<see cref="BatchPacing.Hurry"/>).
/// </summary>
public sealed class LogBatchesTests
{
    private static readonly TimeSpan LongPause = TimeSpan.FromHours(1);
    private static readonly TimeSpan Shortly = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan AtMost = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_batch_that_is_not_full_waits_out_the_pause_unless_someone_hurries_it()
    {
        var (log, pacing, batches) = Follow();
        await using var _ = batches;

        Append(log, 1);
        Assert.Equal(new long[] { 1 }, await NextAsync(batches));

        Append(log, 2);
        Assert.Equal(new long[] { 2 }, await NextWhenHurriedAsync(batches, pacing));
    }

    [Fact]
    public async Task A_hurry_before_the_pause_ends_the_next_pause_only()
    {
        var (log, pacing, batches) = Follow();
        await using var _ = batches;
        Append(log, 1);
        await NextAsync(batches);

        pacing.Hurry();
        Append(log, 2);
        Assert.Equal(new long[] { 2 }, await NextAsync(batches));

        Append(log, 3);
        Assert.Equal(new long[] { 3 }, await NextWhenHurriedAsync(batches, pacing));
    }

    /// <summary>A log to append to, the pacing of its follower, and the follower's batches (the first one comes at once).</summary>
    private static (Channel<SubscriptionMessage> Log, BatchPacing Pacing, IAsyncEnumerator<LogBatches.Batch> Batches) Follow()
    {
        var log = Channel.CreateUnbounded<SubscriptionMessage>();
        var pacing = new BatchPacing();
        return (log, pacing, LogBatches.ReadAsync(log.Reader.ReadAllAsync(), maxBatch: 100, LongPause, pacing, CancellationToken.None).GetAsyncEnumerator());
    }

    private static void Append(Channel<SubscriptionMessage> log, params long[] positions)
    {
        foreach (var position in positions)
        {
            var recorded = new RecordedEvent(Guid.NewGuid(), "program-p", position - 1, new Position((ulong)position, (ulong)position),
                "Counted.v1", "{}"u8.ToArray(), "{}"u8.ToArray(), DateTimeOffset.UnixEpoch);
            Assert.True(log.Writer.TryWrite(new SubscriptionMessage.EventAppeared(recorded)));
        }
    }

    /// <summary>The next batch, which must not come before the pause is hurried, and must come once it is.</summary>
    private static async Task<long[]> NextWhenHurriedAsync(IAsyncEnumerator<LogBatches.Batch> batches, BatchPacing pacing)
    {
        var next = batches.MoveNextAsync().AsTask();
        await Task.Delay(Shortly);
        Assert.False(next.IsCompleted, "the batch came before its pause was over");
        pacing.Hurry();
        Assert.True(await next.WaitAsync(AtMost));
        return Positions(batches.Current);
    }

    private static async Task<long[]> NextAsync(IAsyncEnumerator<LogBatches.Batch> batches)
    {
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(AtMost));
        return Positions(batches.Current);
    }

    private static long[] Positions(LogBatches.Batch batch) => batch.Events.Select(e => (long)e.Position.Commit).ToArray();
}
