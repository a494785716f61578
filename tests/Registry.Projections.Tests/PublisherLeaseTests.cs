using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore;
using Registry.Projections.Publishing;
using Registry.Projections.Publishing.Leases;

namespace Registry.Projections.Tests;

/// <summary>
/// Publisher leases in the log: at most one holder at a time however the contenders race, come and go or are
/// cut off; a standby takes over and resumes from the checkpoint the lease carries; a holder that cannot renew
/// stops publishing before another starts.
/// </summary>
public sealed class PublisherLeaseTests : IAsyncDisposable
{
    private static readonly LeaseOptions Quick = new()
    {
        TimeToLive = TimeSpan.FromMilliseconds(800),
        RenewEvery = TimeSpan.FromMilliseconds(150),
        Margin = TimeSpan.FromMilliseconds(250),
        PollEvery = TimeSpan.FromMilliseconds(40),
    };

    private readonly ProjectionTestKit _kit = new();

    [Fact]
    public async Task Contenders_that_race_release_and_get_cut_off_never_hold_the_lease_at_the_same_time()
    {
        const string publisher = "raced";
        var terms = new ConcurrentQueue<(string Holder, long From, long To)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var contenders = Enumerable.Range(0, 5).Select(i => ContendAsync($"contender-{i}", i, publisher, terms, stop.Token)).ToArray();
        await Task.WhenAll(contenders);

        var held = terms.OrderBy(t => t.From).ToList();
        Assert.True(held.Select(t => t.Holder).Distinct().Count() >= 2, $"only {held.Count} terms by {string.Join(", ", held.Select(t => t.Holder).Distinct())}");
        for (var i = 1; i < held.Count; i++)
            Assert.True(held[i].From >= held[i - 1].To, $"{held[i].Holder} took the lease while {held[i - 1].Holder} still held it");

        // From the lease stream's history: a lease taken from a holder that did not release it was taken no
        // sooner than the time to live after that holder's last renewal.
        var history = new List<RecordedEvent>();
        await foreach (var recorded in _kit.Store.ReadStreamAsync(LogLease.StreamOf(publisher), Direction.Forwards, 0, long.MaxValue))
            history.Add(recorded);
        var takeovers = 0;
        for (var i = 1; i < history.Count; i++)
        {
            var (previous, current) = (Record(history[i - 1]), Record(history[i]));
            if (current.Holder.Length == 0 || current.Holder == previous.Holder || previous.Holder.Length == 0)
                continue;
            takeovers++;
            var gap = history[i].Created - history[i - 1].Created;
            Assert.True(gap >= Quick.TimeToLive - TimeSpan.FromMilliseconds(20), $"{current.Holder} took the lease {gap.TotalMilliseconds} ms after {previous.Holder}'s last renewal");
        }
        Assert.True(takeovers >= 1, "no holder was ever cut off and replaced");
    }

    [Fact]
    public async Task A_standby_takes_over_when_the_holder_stops_and_together_they_publish_every_event()
    {
        var sink = new RecordingSink();
        await _kit.AppendAsync("evt-a", 20);
        var (first, firstRunning, stopFirst) = StartPublisher("instance-a", sink, _kit.Store);
        await ProjectionTestKit.UntilAsync(() => first.Status.State == ProjectionState.Live && sink.Published.Length == 20);
        // A renewal carries how far the holder's messages are confirmed: from there on a standby that takes over,
        // even early (a holder starved past its lease), resumes after them.
        await ProjectionTestKit.UntilAsync(() => first.Lease.View is { Held: true, Checkpoint.Commit: >= 20 });
        var (second, secondRunning, stopSecond) = StartPublisher("instance-b", sink, _kit.Store);
        await ProjectionTestKit.UntilAsync(() => second.Status.State == ProjectionState.Standby);
        var standby = second.Status;
        var standbyLease = second.Lease.View;

        await stopFirst.CancelAsync();
        await firstRunning;
        await _kit.AppendAsync("evt-b", 10);
        var log = await _kit.ReadLogAsync(e => !e.Stream.StartsWith("registry-lease-", StringComparison.Ordinal));
        await ProjectionTestKit.UntilAsync(() => second.Status is { State: ProjectionState.Live, Lag: 0 }
            && log.All(e => sink.Published.Any(m => ((EventSeen)m.Message).EventId == e.EventId)));
        await stopSecond.CancelAsync();
        await secondRunning;

        Assert.Equal("instance-a", standbyLease.Holder);
        Assert.False(standbyLease.Held);
        Assert.True(standby.IsHealthy);
        Assert.Equal(log.Select(e => e.EventId).ToHashSet(), sink.Published.Select(m => ((EventSeen)m.Message).EventId).ToHashSet());
        Assert.All(sink.Sent.Where(s => s.Sender == "instance-b"), s => Assert.Equal("evt-b", ((EventSeen)s.Message.Message).Stream));
        stopFirst.Dispose();
        stopSecond.Dispose();
    }

    [Fact]
    public async Task A_holder_that_cannot_renew_stops_publishing_before_the_standby_starts()
    {
        var sink = new RecordingSink();
        var cutOff = new OutageStore(_kit.Store);
        var (first, firstRunning, stopFirst) = StartPublisher("instance-a", sink, cutOff);
        await _kit.AppendAsync("evt-a", 5);
        await ProjectionTestKit.UntilAsync(() => first.Status.State == ProjectionState.Live && sink.Published.Length == 5);
        var (second, secondRunning, stopSecond) = StartPublisher("instance-b", sink, _kit.Store);
        await ProjectionTestKit.UntilAsync(() => second.Status.State == ProjectionState.Standby);

        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await _kit.AppendAsync("evt-c", 1);
                await Task.Delay(5);
            }
        });
        cutOff.FailingAppendsTo = "registry-lease-";
        await ProjectionTestKit.UntilAsync(() => second.Status.State == ProjectionState.Live && sink.Sent.Any(s => s.Sender == "instance-b"));
        await ProjectionTestKit.UntilAsync(() => first.Status.State == ProjectionState.Standby);
        await writing.CancelAsync();
        await writer;
        // Until the standby has sent the last event written. Not until its status says "live, no lag": that is as of
        // its last batch, and may come from before the writer's last append.
        var log = await _kit.ReadLogAsync(e => !e.Stream.StartsWith("registry-lease-", StringComparison.Ordinal));
        await ProjectionTestKit.UntilAsync(() => second.Status.State == ProjectionState.Live
            && sink.Sent.Any(s => s.Sender == "instance-b" && ((EventSeen)s.Message.Message).EventId == log[^1].EventId));
        await stopFirst.CancelAsync();
        await stopSecond.CancelAsync();
        await Task.WhenAll(firstRunning, secondRunning);

        var sent = sink.Sent;
        var lastByFirst = sent.Where(s => s.Sender == "instance-a").Max(s => s.At);
        var firstBySecond = sent.Where(s => s.Sender == "instance-b").Min(s => s.At);
        Assert.True(lastByFirst < firstBySecond, "the cut-off holder was still publishing when the standby had taken over");
        Assert.Equal(log.Select(e => e.EventId).ToHashSet(), sent.Select(s => ((EventSeen)s.Message.Message).EventId).ToHashSet());
        stopFirst.Dispose();
        stopSecond.Dispose();
    }

    /// <summary>Every second term, counted over all contenders, ends with its holder cut off: takeovers are sure to happen.</summary>
    private int _termsTaken;

    /// <summary>Takes the lease when it can, holds it a while, then releases it or is cut off from renewing; again until stopped.</summary>
    private async Task ContendAsync(string name, int seed, string publisher, ConcurrentQueue<(string, long, long)> terms, CancellationToken stop)
    {
        var random = new Random(seed);
        var store = new OutageStore(_kit.Store);
        var lease = new LogLease(store, publisher, name, Quick, NullLogger<LogLease>.Instance);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                store.FailingAppendsTo = null;
                var term = await lease.AcquireAsync(stop);
                var from = Stopwatch.GetTimestamp();
                long to = 0;
                using (term.Ended.Register(() => Interlocked.CompareExchange(ref to, Stopwatch.GetTimestamp(), 0)))
                {
                    await Task.Delay(random.Next(100, 900), stop).ContinueWith(_ => { }, TaskScheduler.Default);
                    if (Interlocked.Increment(ref _termsTaken) % 2 == 0)
                    {
                        // Cut off: renewals fail, and the term must end by itself.
                        store.FailingAppendsTo = LogLease.StreamOf(publisher);
                        await Task.Delay(Quick.TimeToLive * 2, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                    Interlocked.CompareExchange(ref to, Stopwatch.GetTimestamp(), 0);
                }
                terms.Enqueue((name, from, to));
                await term.DisposeAsync();
                // Let the others see the lease free before contending again.
                await Task.Delay(Quick.PollEvery * 2, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private (LogPublisher Publisher, Task Running, CancellationTokenSource Stop) StartPublisher(string instance, RecordingSink sink, IEventStore store)
    {
        var lease = new LogLease(store, "test-publisher", instance, Quick, NullLogger<LogLease>.Instance);
        var publisher = new LogPublisher(store, _kit.Database($"{instance}.db"), new EventSeenMapper(SubscriptionFilter.OnStreamPrefix("evt-")), sink.As(instance), NullLogger<LogPublisher>.Instance, lease);
        var stop = new CancellationTokenSource();
        return (publisher, publisher.RunAsync(stop.Token), stop);
    }

    private static (string Holder, long Revision) Record(RecordedEvent recorded)
    {
        using var json = System.Text.Json.JsonDocument.Parse(recorded.Data);
        return (json.RootElement.GetProperty("holder").GetString()!, recorded.Revision);
    }

    public ValueTask DisposeAsync() => _kit.DisposeAsync();
}
