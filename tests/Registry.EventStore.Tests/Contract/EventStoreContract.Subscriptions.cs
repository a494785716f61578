namespace Registry.EventStore.Tests.Contract;

public abstract partial class EventStoreContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Collects a subscription's events until <paramref name="until"/> holds (and, with <paramref name="andCaughtUp"/>,
    /// a caught-up mark has come: before the events when they were appended after the subscription reached the
    /// head, after them when a remote store's subscription reached it later), then stops it.
    /// </summary>
    private static async Task<(List<RecordedEvent> Events, int CaughtUp)> CollectAsync(
        IAsyncEnumerable<SubscriptionMessage> subscription, Func<List<RecordedEvent>, bool> until, CancellationTokenSource stop, bool andCaughtUp = false)
    {
        var events = new List<RecordedEvent>();
        var caughtUp = 0;
        try
        {
            await foreach (var message in subscription.WithCancellation(stop.Token))
            {
                if (message is SubscriptionMessage.EventAppeared appeared)
                    events.Add(appeared.Recorded);
                else
                    caughtUp++;
                if (until(events) && (!andCaughtUp || caughtUp > 0))
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return (events, caughtUp);
    }

    private static void AssertNoGapNoDuplicate(IReadOnlyList<RecordedEvent> events, IReadOnlyList<Guid> expected)
    {
        Assert.Equal(expected, events.Select(e => e.EventId));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Position < p.Second.Position), "positions must ascend");
    }

    [Fact]
    public async Task A_subscription_from_the_start_delivers_the_whole_log_then_reports_caught_up()
    {
        var stream = TestEvents.Stream("sub-start");
        var events = TestEvents.Many(20);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, events);
        var head = await Store.ReadHeadAsync();
        using var stop = new CancellationTokenSource(Patience);
        SubscriptionMessage.CaughtUp? caughtUp = null;
        var delivered = new List<RecordedEvent>();

        await foreach (var message in Store.SubscribeToAllAsync(null, cancellationToken: stop.Token))
        {
            if (message is SubscriptionMessage.EventAppeared appeared)
                delivered.Add(appeared.Recorded);
            else
            {
                caughtUp = (SubscriptionMessage.CaughtUp)message;
                break;
            }
        }

        Assert.NotNull(caughtUp);
        Assert.True(caughtUp.Head >= head);
        Assert.Equal(head, delivered[^1].Position);
        AssertNoGapNoDuplicate(delivered.Where(e => e.Stream == stream).ToList(), events.Select(e => e.EventId).ToList());
    }

    [Fact]
    public async Task A_subscription_from_a_checkpoint_in_the_middle_starts_just_after_it()
    {
        var stream = TestEvents.Stream("sub-middle");
        var events = TestEvents.Many(10);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, events);
        var stored = await Store.ReadStreamAsync(stream, Direction.Forwards, 0, 10).ToListAsync();
        using var stop = new CancellationTokenSource(Patience);

        var (delivered, _) = await CollectAsync(Store.SubscribeToAllAsync(stored[4].Position, cancellationToken: stop.Token),
            got => got.Count(e => e.Stream == stream) == 5, stop);

        AssertNoGapNoDuplicate(delivered.Where(e => e.Stream == stream).ToList(), events.Skip(5).Select(e => e.EventId).ToList());
    }

    [Fact]
    public async Task A_subscription_from_the_end_delivers_only_what_is_appended_afterwards()
    {
        await Store.AppendAsync(TestEvents.Stream("sub-end"), ExpectedRevision.Any, TestEvents.Many(5));
        var head = await Store.ReadHeadAsync();
        using var stop = new CancellationTokenSource(Patience);
        var stream = TestEvents.Stream("sub-end");
        var later = TestEvents.Many(3);

        var collecting = CollectAsync(Store.SubscribeToAllAsync(head, cancellationToken: stop.Token), got => got.Count(e => e.Stream == stream) == 3, stop, andCaughtUp: true);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, later);
        var (delivered, caughtUp) = await collecting;

        Assert.All(delivered, e => Assert.True(e.Position > head));
        AssertNoGapNoDuplicate(delivered.Where(e => e.Stream == stream).ToList(), later.Select(e => e.EventId).ToList());
        Assert.True(caughtUp >= 1);
    }

    [Fact]
    public async Task A_subscription_survives_a_burst_of_appends_during_catch_up_with_no_gap_or_duplicate()
    {
        const int Before = 3000;
        const int Writers = 16;
        const int AppendsPerWriter = 40;
        const int EventsPerAppend = 5;
        const int Total = Before + (Writers * AppendsPerWriter * EventsPerAppend);
        var prefix = $"burst{Guid.NewGuid():N}-";
        var start = await Store.ReadHeadAsync();
        await Task.WhenAll(Enumerable.Range(0, Before / 100).Select(i => Store.AppendAsync($"{prefix}{i}", ExpectedRevision.Any, TestEvents.Many(100))));
        using var stop = new CancellationTokenSource(Patience);

        var collecting = CollectAsync(Store.SubscribeToAllAsync(start, SubscriptionFilter.OnStreamPrefix(prefix), stop.Token),
            got => got.Count == Total, stop);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
                await Store.AppendAsync($"{prefix}w{writer}", ExpectedRevision.Any, TestEvents.Many(EventsPerAppend));
        })));
        var (delivered, _) = await collecting;

        var expected = (await Store.ReadAllAsync(Direction.Forwards, start, long.MaxValue).ToListAsync())
            .Where(e => e.Stream.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e.EventId).ToList();
        Assert.Equal(Total, expected.Count);
        AssertNoGapNoDuplicate(delivered, expected);
    }

    [Fact]
    public async Task A_filter_on_event_type_delivers_only_matching_events()
    {
        var stream = TestEvents.Stream("sub-type");
        var head = await Store.ReadHeadAsync();
        var wanted = TestEvents.New($"Wanted{Guid.NewGuid():N}.v1");
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [TestEvents.New("Other.v1"), wanted, TestEvents.New("Other.v1")]);
        using var stop = new CancellationTokenSource(Patience);

        var (delivered, _) = await CollectAsync(Store.SubscribeToAllAsync(head, SubscriptionFilter.OnEventTypePrefix(wanted.Type[..20]), stop.Token),
            got => got.Count == 1, stop);

        Assert.Equal(wanted.EventId, Assert.Single(delivered).EventId);
    }

    [Fact]
    public async Task A_stream_subscription_catches_up_then_follows_live()
    {
        var stream = TestEvents.Stream("sub-stream");
        var before = TestEvents.Many(4);
        var after = TestEvents.Many(4);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, before);
        await Store.AppendAsync(TestEvents.Stream("noise"), ExpectedRevision.Any, TestEvents.Many(3));
        using var stop = new CancellationTokenSource(Patience);

        var collecting = CollectAsync(Store.SubscribeToStreamAsync(stream, 1, stop.Token), got => got.Count == 6, stop, andCaughtUp: true);
        await Store.AppendAsync(stream, ExpectedRevision.Exact(3), after);
        var (delivered, caughtUp) = await collecting;

        AssertNoGapNoDuplicate(delivered, before.Skip(2).Concat(after).Select(e => e.EventId).ToList());
        Assert.All(delivered, e => Assert.Equal(stream, e.Stream));
        Assert.True(caughtUp >= 1);
    }
}
