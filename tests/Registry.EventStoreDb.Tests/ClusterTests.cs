using Registry.EventStore;

namespace Registry.EventStoreDb.Tests;

/// <summary>
/// A leader node and a follower that knows it (its gossip lists both; it refuses writes with "not-leader"
/// naming the leader). Each has its own log, so where an event landed shows which node served the call.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private const string AppendPath = "/event_store.client.streams.Streams/Append";

    private TestNode _leader = null!;
    private TestNode _follower = null!;

    public async Task InitializeAsync()
    {
        _leader = await TestNode.StartAsync();
        _follower = await TestNode.StartAsync(o => o with { Leader = ("127.0.0.1", _leader.Port) });
    }

    public async Task DisposeAsync()
    {
        await _follower.DisposeAsync();
        await _leader.DisposeAsync();
    }

    private static async Task<List<RecordedEvent>> ReadAsync(IEventStore store, string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream, Direction.Forwards, 0, long.MaxValue))
            events.Add(e);
        return events;
    }

    [Fact]
    public async Task A_write_sent_to_a_follower_is_redirected_to_the_leader_it_names()
    {
        await using var store = EventStoreDbStore.Connect(_follower.ConnectionString());
        var stream = $"redirected-{Guid.NewGuid():N}";

        await store.AppendAsync(stream, ExpectedRevision.NoStream, Subscriptions.Events(3));
        var read = await ReadAsync(store, stream);

        Assert.Equal(1, _follower.Server.Calls.Count(AppendPath));
        Assert.Equal(3, (await ReadAsync(_leader.Server.Store, stream)).Count);
        Assert.Empty(await ReadAsync(_follower.Server.Store, stream));
        Assert.Equal(3, read.Count);
    }

    [Fact]
    public async Task Discovery_through_a_follower_s_gossip_finds_the_leader_without_trying_the_follower()
    {
        await using var store = EventStoreDbStore.Connect($"esdb+discover://127.0.0.1:{_follower.Port}?tls=false");
        var stream = $"discovered-{Guid.NewGuid():N}";

        await store.AppendAsync(stream, ExpectedRevision.NoStream, Subscriptions.Events(2));

        Assert.Equal(0, _follower.Server.Calls.Count(AppendPath));
        Assert.Equal(2, (await ReadAsync(_leader.Server.Store, stream)).Count);
    }

    [Fact]
    public async Task Node_preference_follower_reads_from_the_follower_named_in_gossip()
    {
        var stream = $"preferred-{Guid.NewGuid():N}";
        await _follower.Server.Store.AppendAsync(stream, ExpectedRevision.NoStream, Subscriptions.Events(1));
        // Several hosts: the client reads gossip from the first that answers (the follower, whose gossip lists both).
        await using var store = EventStoreDbStore.Connect($"esdb://127.0.0.1:{_follower.Port},127.0.0.1:{_leader.Port}?tls=false&nodePreference=follower");

        var read = await ReadAsync(store, stream);

        Assert.Single(read);
        Assert.Empty(await ReadAsync(_leader.Server.Store, stream));
    }
}
