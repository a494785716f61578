namespace Registry.EventStore.Tests.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task A_stream_reads_forwards_and_backwards_from_any_revision_with_a_count()
    {
        var stream = TestEvents.Stream();
        var events = TestEvents.Many(10);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        var forwards = await Store.ReadStreamAsync(stream, Direction.Forwards, 3, 4).ToListAsync();
        var backwards = await Store.ReadStreamAsync(stream, Direction.Backwards, long.MaxValue, 3).ToListAsync();
        var backFromMiddle = await Store.ReadStreamAsync(stream, Direction.Backwards, 5, 100).ToListAsync();

        Assert.Equal([3L, 4, 5, 6], forwards.Select(e => e.Revision));
        Assert.Equal([9L, 8, 7], backwards.Select(e => e.Revision));
        Assert.Equal([5L, 4, 3, 2, 1, 0], backFromMiddle.Select(e => e.Revision));
        Assert.Equal(events[3].EventId, forwards[0].EventId);
    }

    [Fact]
    public async Task A_missing_stream_reads_empty()
    {
        Assert.Empty(await Store.ReadStreamAsync(TestEvents.Stream(), Direction.Forwards, 0, 10).ToListAsync());
        Assert.Empty(await Store.ReadStreamAsync(TestEvents.Stream(), Direction.Backwards, long.MaxValue, 10).ToListAsync());
    }

    [Fact]
    public async Task The_global_log_reads_forwards_and_backwards_in_position_order()
    {
        var stream = TestEvents.Stream();
        var first = await Store.AppendAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));
        var other = await Store.AppendAsync(TestEvents.Stream(), ExpectedRevision.NoStream, TestEvents.Many(2));

        var head = await Store.ReadHeadAsync();
        var lastFive = await Store.ReadAllAsync(Direction.Backwards, Position.End, 5).ToListAsync();
        var fromFirst = await Store.ReadAllAsync(Direction.Forwards, lastFive[^1].Position, 5).ToListAsync();

        Assert.Equal(other.Position, head);
        Assert.Equal(other.Position, lastFive[0].Position);
        Assert.Equal(lastFive.AsEnumerable().Reverse().Select(e => e.EventId), fromFirst.Select(e => e.EventId));
        Assert.True(lastFive.Zip(lastFive.Skip(1)).All(p => p.First.Position > p.Second.Position));
        Assert.Contains(fromFirst, e => e.Position == first.Position);
    }

    [Fact]
    public async Task Reading_the_global_log_past_the_head_is_empty()
    {
        await Store.AppendAsync(TestEvents.Stream(), ExpectedRevision.Any, [TestEvents.New()]);
        var head = await Store.ReadHeadAsync();

        var after = await Store.ReadAllAsync(Direction.Forwards, new Position(head.Commit + 1, head.Prepare + 1), 10).ToListAsync();

        Assert.Empty(after);
    }
}
