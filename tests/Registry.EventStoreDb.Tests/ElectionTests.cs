using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Registry.EventStore;
using Registry.EventStore.Tests;
using Registry.EventStoreDb.Conformance;
using Registry.EventStoreDb.Connection;
using Registry.Testing;

namespace Registry.EventStoreDb.Tests;

/// <summary>
/// Registry.EventStoreDb on a three-node conformance cluster between leaders: calls wait for the election within
/// their deadline (never a number of attempts), a not-leader naming a dead node leads back to gossip, and the
/// store says when no leader can be reached.
/// </summary>
public sealed class ElectionTests : IAsyncLifetime, IDisposable
{
    private const string AppendPath = "/event_store.client.streams.Streams/Append";

    private static readonly TimeSpan Election = TimeSpan.FromMilliseconds(1500);

    private readonly TempFolder _folder = new();
    private readonly LogCapture _log = new();
    private ConformanceCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ConformanceCluster.StartAsync(_folder.File("cluster/events.db"));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose()
    {
        _log.Dispose();
        _folder.Dispose();
    }

    private EventStoreDbStore Connect(string query = "") =>
        new(ConnectionString.Parse(_cluster.ConnectionString + query), _log.CreateLogger("Registry.EventStoreDb"));

    /// <summary>Elects <paramref name="node"/> after the election's pause, while the test's call waits.</summary>
    private async Task ElectLaterAsync(int node)
    {
        await Task.Delay(Election);
        _cluster.Elect(node);
    }

    [Theory]
    [InlineData(ElectionAnswer.NotReady)]
    [InlineData(ElectionAnswer.NotLeader)]
    public async Task An_append_during_an_election_waits_for_the_new_leader_within_its_deadline(ElectionAnswer answer)
    {
        _cluster.AnswerDuringElection = _ => answer;
        await using var store = Connect();
        await store.AppendAsync("before", ExpectedRevision.NoStream, Subscriptions.Events(1));
        await _cluster.StopAsync(0);

        var election = ElectLaterAsync(2);
        var appended = await store.AppendAsync("during", ExpectedRevision.NoStream, Subscriptions.Events(2));
        await election;

        Assert.Equal(1, appended.NextExpectedRevision);
        Assert.Equal(2, await CountAsync(_cluster.Log, "during"));
        // Backoff, not a loop: at most a handful of tries on a survivor that refused during the pause.
        Assert.InRange(_cluster.Calls(1).Count(AppendPath), 0, 15);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"leader changed from 127.0.0.1:{_cluster.Port(0)} to 127.0.0.1:{_cluster.Port(2)}", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("rediscovering the cluster through gossip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_not_leader_naming_a_dead_node_is_followed_back_to_gossip_until_the_new_leader_answers()
    {
        _cluster.AnswerDuringElection = _ => ElectionAnswer.NotLeader;
        await using var store = Connect();
        await store.AppendAsync("before", ExpectedRevision.NoStream, Subscriptions.Events(1));
        // The survivors name node 0 and their gossip still shows it leading, as followers that have not noticed do.
        await _cluster.StopAsync(0);

        var election = ElectLaterAsync(1);
        await store.AppendAsync("during", ExpectedRevision.NoStream, Subscriptions.Events(1));
        await election;

        Assert.Equal(1, await CountAsync(_cluster.Log, "during"));
        Assert.InRange(_cluster.Calls(2).Count(AppendPath), 0, 15);
    }

    [Fact]
    public async Task With_no_leader_a_call_keeps_trying_until_its_deadline_then_says_the_store_is_unavailable()
    {
        _cluster.AnswerDuringElection = _ => ElectionAnswer.NotReady;
        await _cluster.StopAsync(0);
        await using var store = Connect("&defaultDeadline=2000");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.AppendAsync("nowhere", ExpectedRevision.Any, Subscriptions.Events(1)));

        // Ten quick attempts would give up within a second; this call used its deadline.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.Contains("unavailable", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False((await store.CheckReachableAsync()).Reachable);

        _cluster.Elect(1);
        await store.AppendAsync("somewhere", ExpectedRevision.Any, Subscriptions.Events(1));
        Assert.True((await store.CheckReachableAsync()).Reachable);
    }

    [Fact]
    public async Task Callers_waiting_for_a_discovery_give_up_at_their_deadline_while_it_still_runs()
    {
        // The only seed accepts connections and never answers: one gossip round lasts the whole gossip timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var store = EventStoreDbStore.Connect($"esdb+discover://127.0.0.1:{port}?tls=false&gossipTimeout=20000&defaultDeadline=500");
        var clock = Stopwatch.StartNew();

        // Several callers at once: none may queue behind another's wait, nor wait out the discovery.
        var calls = Enumerable.Range(0, 8).Select(_ => Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.AppendAsync("waiting", ExpectedRevision.Any, Subscriptions.Events(1))));
        var errors = await Task.WhenAll(calls);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the callers waited {clock.Elapsed} for a discovery past their deadline of 0.5 s");
        Assert.All(errors, e => Assert.Contains("unavailable", e.Message, StringComparison.OrdinalIgnoreCase));
        silent.Stop();
    }

    [Fact]
    public async Task A_subscription_resubscribes_through_an_election_from_its_checkpoint_and_says_so()
    {
        _cluster.AnswerDuringElection = node => node == 1 ? ElectionAnswer.NotLeader : ElectionAnswer.NotReady;
        await using var store = Connect();
        await store.AppendAsync("followed", ExpectedRevision.NoStream, Subscriptions.Events(3));

        var delivered = await Subscriptions.CollectAsync(store.SubscribeToStreamAsync("followed", null), 6, async count =>
        {
            if (count != 3)
                return;
            await _cluster.StopAsync(0);
            var election = ElectLaterAsync(2);
            await _cluster.Log.AppendAsync("followed", ExpectedRevision.Exact(2), Subscriptions.Events(3));
            await election;
        });

        Assert.Equal(Enumerable.Range(0, 6).Select(i => (long)i), delivered.Select(e => e.Revision));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("resubscribing", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"resumed on 127.0.0.1:{_cluster.Port(2)}", StringComparison.Ordinal));
    }

    private static async Task<int> CountAsync(IEventStore log, string stream)
    {
        var count = 0;
        await foreach (var _ in log.ReadStreamAsync(stream, Direction.Forwards, 0, long.MaxValue))
            count++;
        return count;
    }
}
