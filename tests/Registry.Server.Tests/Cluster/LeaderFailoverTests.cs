using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.EventStore;
using Registry.EventStore.Tests;
using Registry.EventStoreDb.Conformance;
using Registry.Server.Tests.Programs;
using Registry.Testing;
using Xunit.Abstractions;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Registry.Server.Tests.Cluster;

/// <summary>
/// The registry on a three-node EventStoreDB-protocol cluster whose leader is killed again and again under a
/// command load: between leaders the survivors answer "not ready" or "not leader" naming the dead node, as
/// EventStoreDB's do; then another one leads and the dead one comes back as a follower.
/// </summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private const int Callers = 4;

    /// <summary>How long, at least, the cluster stays without a leader after each kill.</summary>
    private static readonly TimeSpan ElectionPause = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>How long health may take to follow the store: it answers from the last call, or probes within 2 s.</summary>
    private static readonly TimeSpan HealthPatience = TimeSpan.FromSeconds(5);

    /// <summary>The store's deadline per call: one pause of the twenty outlasts it, so that callers meet UNAVAILABLE.</summary>
    private const int StoreDeadlineMilliseconds = 2000;

    /// <summary>The kill whose pause lasts until callers got UNAVAILABLE.</summary>
    private const int LongPauseKill = 10;

    private readonly TempFolder _folder = new();
    private readonly LogCapture _log = new();

    public void Dispose()
    {
        _log.Dispose();
        _folder.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="test"/> on a registry over <paramref name="connectionString"/>. When the test fails and
    /// stopping the registry fails too, the test's failure is the one reported and the other goes to the output.
    /// </summary>
    private async Task WithRegistryAsync(string connectionString, Func<TestRegistry, Task> test)
    {
        var registry = await TestRegistry.StartAsync(
            services: s => s.AddLogging(logging => logging.AddProvider(_log)),
            settings: ["--Storage:Provider=EventStoreDb", $"--Storage:EventStoreDb:ConnectionString={connectionString}",
                       "--Logging:LogLevel:Registry.EventStoreDb=Information"]);
        var failed = true;
        try
        {
            await test(registry);
            failed = false;
        }
        finally
        {
            try
            {
                await registry.DisposeAsync();
            }
            catch (Exception e) when (failed)
            {
                output.WriteLine($"Stopping the registry failed as well: {e}");
            }
        }
    }

    [Fact]
    public async Task Twenty_leader_kills_under_load_lose_no_acknowledged_command_and_everything_recovers_by_itself()
    {
        await using var cluster = await ConformanceCluster.StartAsync(_folder.File("cluster/events.db"));
        // Survivors answer both ways EventStoreDB's do: node 0 and 2 "not ready", node 1 "not leader" naming the dead one.
        cluster.AnswerDuringElection = node => node == 1 ? ElectionAnswer.NotLeader : ElectionAnswer.NotReady;
        await WithRegistryAsync(cluster.ConnectionString + $"&defaultDeadline={StoreDeadlineMilliseconds}", async registry =>
        {
            await using var load = new CommandLoad(registry.Client, Callers);
            load.Start();
            var recoveries = new List<TimeSpan>();
            var total = Stopwatch.StartNew();

            for (var kill = 1; kill <= Kills; kill++)
            {
                await UntilAsync(() => load.AcknowledgedCount >= kill * 20, "the load to make progress under a leader");
                var leader = cluster.Leader!.Value;
                var acknowledgedBefore = load.AcknowledgedCount;
                await cluster.StopAsync(leader);
                // Both health services go NOT_SERVING; polled each, since a call the dying leader admitted may still
                // succeed in between, and health then reports it served.
                var pause = Stopwatch.StartNew();
                Assert.True(await RegistryProbe.UntilHealthAsync(registry.Client, RegistryProbe.StoreService, ServingStatus.NotServing, HealthPatience),
                    $"kill {kill}: registry.store must go NOT_SERVING while no node leads");
                Assert.True(await RegistryProbe.UntilHealthAsync(registry.Client, string.Empty, ServingStatus.NotServing, HealthPatience),
                    $"kill {kill}: the overall health must go NOT_SERVING while no node leads");
                if (pause.Elapsed < ElectionPause)
                    await Task.Delay(ElectionPause - pause.Elapsed);
                if (kill == LongPauseKill)
                    await UntilAsync(() => load.UnavailableCount > 0, "callers to get UNAVAILABLE from an outage longer than the store's deadline");

                var elected = Enumerable.Range(1, cluster.Size - 1).Select(n => (leader + n) % cluster.Size).First(cluster.IsUp);
                var electedAt = Stopwatch.StartNew();
                cluster.Elect(elected);
                await cluster.RestartAsync(leader);
                await UntilAsync(() => load.AcknowledgedCount > acknowledgedBefore + Callers, "commands to be acknowledged by the new leader");
                recoveries.Add(electedAt.Elapsed);
                Assert.True(await RegistryProbe.UntilHealthAsync(registry.Client, RegistryProbe.StoreService, ServingStatus.Serving, HealthPatience),
                    $"kill {kill}: registry.store must be SERVING again once {elected} leads");
            }
            await load.StopAsync();
            var (allLive, status) = await RegistryProbe.UntilFollowersLiveAtHeadAsync(registry.Client, Patience);

            output.WriteLine($"{Kills} kills in {total.Elapsed.TotalSeconds:0.0} s; {load.AcknowledgedCount} commands acknowledged, {load.UnavailableCount} UNAVAILABLE answers; "
                + $"election to first acknowledged command: min {recoveries.Min().TotalMilliseconds:0} ms, median {recoveries.Order().ElementAt(recoveries.Count / 2).TotalMilliseconds:0} ms, max {recoveries.Max().TotalMilliseconds:0} ms; "
                + $"registry.store NOT_SERVING in each pause; {load.AcknowledgedAfterWaiting(ElectionPause)} commands waited through an election");
            Assert.Empty(load.Unexpected);
            Assert.All(load.UnavailableDetails, detail => Assert.StartsWith("The event store cannot be reached: EventStoreDB is unavailable", detail, StringComparison.Ordinal));
            // Every pause holds up the commands in flight: the store client rode it out for them.
            var rodeOut = load.AcknowledgedAfterWaiting(ElectionPause);
            Assert.True(rodeOut >= Kills, $"callers must have met the elections ({rodeOut} commands waited through one)");
            await AssertAcknowledgedAreInTheLogAsync(cluster.Log, load);
            AssertLogged("leader changed", Kills);
            AssertLogged("resubscribing", 1);
            // Last: on a branch without supervised followers, this is what fails (a follower faulted by the long outage).
            Assert.True(allLive, $"every follower must be LIVE at the head by itself: {RegistryProbe.Describe(status)}");
        });
    }

    [Fact]
    public async Task A_registry_started_while_no_node_leads_becomes_healthy_and_live_by_itself_once_one_does()
    {
        await using var cluster = await ConformanceCluster.StartAsync(_folder.File("cluster/events.db"), electLeader: false);
        // A short store deadline: the command below must come back UNAVAILABLE well within its own deadline.
        await WithRegistryAsync(cluster.ConnectionString.Replace("?tls=false", "?tls=false&defaultDeadline=2000", StringComparison.Ordinal), async registry =>
        {

            Assert.True(await RegistryProbe.UntilHealthAsync(registry.Client, RegistryProbe.StoreService, ServingStatus.NotServing, Patience), "registry.store while no node leads");
            Assert.Equal(ServingStatus.NotServing, await RegistryProbe.HealthAsync(registry.Client, string.Empty));
            var refused = await RegistryFixture.FailsAsync(RegistryFixture.SendAsync(registry.Client, Requests.Announce(Requests.NewProgramId()), Calls.WithTimeout(TimeSpan.FromSeconds(30))));
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.Contains("event store", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);
            cluster.Elect(1);

            Assert.True(await RegistryProbe.UntilHealthAsync(registry.Client, RegistryProbe.StoreService, ServingStatus.Serving, Patience), "registry.store once node 1 leads");
            var announced = await RegistryFixture.SendAsync(registry.Client, Requests.Announce(Requests.NewProgramId()), Calls.WithTimeout(TimeSpan.FromSeconds(30)));
            var (allLive, status) = await RegistryProbe.UntilFollowersLiveAtHeadAsync(registry.Client, Patience);
            Assert.True(allLive, $"every follower must be LIVE at the head by itself: {RegistryProbe.Describe(status)}");
            Assert.True(status!.Head.Commit >= announced.Position.Commit);
            Assert.True(await RegistryProbe.UntilHealthAsync(registry.Client, string.Empty, ServingStatus.Serving, Patience), "the server's overall health");
        });
    }

    /// <summary>Every acknowledged command's events are in the log, at the versions the registry acknowledged.</summary>
    private static async Task AssertAcknowledgedAreInTheLogAsync(IEventStore log, CommandLoad load)
    {
        foreach (var programme in load.Acknowledged.GroupBy(r => r.ProgramId))
        {
            var stored = new List<RecordedEvent>();
            await foreach (var e in log.ReadStreamAsync($"program-{programme.Key}", Direction.Forwards, 0, long.MaxValue))
                stored.Add(e);
            foreach (var result in programme)
            {
                var first = result.Version - result.EventIds.Count + 1;
                for (var i = 0; i < result.EventIds.Count; i++)
                {
                    var revision = (int)(first + i);
                    Assert.True(revision < stored.Count, $"{programme.Key}: acknowledged version {result.Version} is not in the log (it holds {stored.Count} events)");
                    Assert.Equal(Guid.Parse(result.EventIds[i]), stored[revision].EventId);
                }
            }
        }
    }

    private void AssertLogged(string words, int atLeast)
    {
        var count = _log.Entries.Count(e => e.Category.StartsWith("Registry.EventStoreDb", StringComparison.Ordinal)
            && e.Level == LogLevel.Information && e.Message.Contains(words, StringComparison.OrdinalIgnoreCase));
        Assert.True(count >= atLeast, $"expected at least {atLeast} information entries saying '{words}', found {count}");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"waited {Patience.TotalSeconds} s for {what}");
            await Task.Delay(10);
        }
    }
}
