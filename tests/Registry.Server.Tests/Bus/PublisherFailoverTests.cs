using System.Diagnostics;
using Registry.Client;
using Registry.EventStore.Tests;
using Registry.EventStoreDb.Conformance;
using Registry.Server.Tests.Crash;
using Registry.V1;
using Xunit.Abstractions;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// Several registry processes on one EventStoreDB log publish through one real broker: every instance runs the
/// publishers, the holder of each one's lease publishes. Killed, the holder is replaced by a standby within the
/// lease's time; frozen past its lease, it does not publish when it wakes up and stands by.
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class PublisherFailoverTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string StatePublisher = "program-state";
    private static readonly TimeSpan DocumentedFailover = TimeSpan.FromSeconds(15);
    private readonly TempFolder _folder = new();
    private readonly List<ServerProcess> _instances = [];
    private ConformanceServer _node = null!;

    public async Task InitializeAsync() =>
        _node = await ConformanceServer.StartAsync(new ConformanceOptions { DataPath = _folder.File(Path.Combine("node", "events.db")) });

    [Fact]
    public async Task The_active_publisher_killed_twice_under_load_is_replaced_each_time_and_every_state_change_arrives()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 5);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}failover", workload.Prefix);
        await subscriber.DeclareAsync();
        for (var i = 0; i < 3; i++)
            await StartInstanceAsync(broker, i);
        await workload.AnnounceAllAsync(_instances[0].Client);

        for (var round = 1; round <= 2; round++)
        {
            var active = await UntilOneActiveAsync(_instances);
            var writer = _instances.First(i => i != active);
            using var load = new CancellationTokenSource();
            var writing = workload.ReportUntilAsync(writer.Client, callers: 2, pause: TimeSpan.FromMilliseconds(30), load.Token);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var clock = Stopwatch.StartNew();
            await active.KillAsync();
            _instances.Remove(active);
            var successor = await UntilOneActiveAsync(_instances);
            var failover = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await load.CancelAsync();
            var written = await writing;
            output.WriteLine($"round {round}: killed {active.Id}; {successor.Id} publishing {failover.TotalSeconds:F1} s later; {written} reports during the round");
            Assert.True(failover < DocumentedFailover, $"failover took {failover}");
            await active.DisposeAsync();
        }

        var survivor = _instances.Single();
        await Workload.UntilPublishedAsync(survivor.Client);
        var log = await workload.HistoryAsync(survivor.Client);
        var received = await subscriber.ConsumeAsync(count: log.Count);
        var duplicates = Deliveries.AssertEveryEventDelivered(log, received);
        output.WriteLine($"{log.Count} events, {received.Count} deliveries, {duplicates} duplicates (same ids)");
    }

    [Fact]
    public async Task A_holder_frozen_past_its_lease_does_not_publish_when_it_wakes_and_stands_by()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 3);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}frozen", workload.Prefix);
        await subscriber.DeclareAsync();
        for (var i = 0; i < 2; i++)
            await StartInstanceAsync(broker, i);
        await workload.AnnounceAllAsync(_instances[0].Client);
        var frozen = await UntilOneActiveAsync(_instances);
        var other = _instances.Single(i => i != frozen);
        await Workload.UntilPublishedAsync(other.Client);

        await frozen.SignalAsync("STOP");
        var headWhenFrozen = (await other.Client.Admin.GetStatusAsync(new GetStatusRequest())).Head;
        for (var i = 0; i < 30; i++)
            await workload.ReportAsync(other.Client);
        Assert.Same(other, await UntilOneActiveAsync([other]));
        await frozen.SignalAsync("CONT");
        await TestRegistry.UntilAsync(async () => Role(await frozen.Client.Admin.GetStatusAsync(new GetStatusRequest())) == PublisherLease.Types.Role.Standby);
        for (var i = 0; i < 10; i++)
            await workload.ReportAsync(other.Client);
        await Workload.UntilPublishedAsync(other.Client);

        var log = await workload.HistoryAsync(other.Client);
        var received = await subscriber.ConsumeAsync(count: log.Count);
        Deliveries.AssertEveryEventDelivered(log, received);
        var lateFromFrozen = received.Where(r => r.SenderProcessId == frozen.Id && r.Message.GetProperty("commitPosition").GetUInt64() > headWhenFrozen.Commit).ToList();
        Assert.True(lateFromFrozen.Count == 0, $"the frozen holder published {lateFromFrozen.Count} change(s) appended after it was frozen");
        Assert.Contains(received, r => r.SenderProcessId == other.Id);
    }

    private async Task StartInstanceAsync(RabbitMqBroker broker, int index)
    {
        var instance = await ServerProcess.StartAsync(_folder.File($"instance-{index}"),
            [.. broker.RegistrySettings(), "--Seeding:Enabled=false", "--Storage:Provider=EventStoreDb",
             $"--Storage:EventStoreDb:ConnectionString={_node.ConnectionString}", $"--Publishing:Instance=instance-{index}"]);
        _instances.Add(instance);
    }

    /// <summary>The one instance whose state publisher holds its lease and is live, once there is exactly one.</summary>
    private static async Task<ServerProcess> UntilOneActiveAsync(IReadOnlyList<ServerProcess> instances)
    {
        ServerProcess? active = null;
        await TestRegistry.UntilAsync(async () =>
        {
            var roles = new List<(ServerProcess Instance, PublisherLease.Types.Role Role)>();
            foreach (var instance in instances)
                roles.Add((instance, Role(await instance.Client.Admin.GetStatusAsync(new GetStatusRequest()))));
            var holders = roles.Where(r => r.Role == PublisherLease.Types.Role.Active).ToList();
            Assert.True(holders.Count <= 1, $"{holders.Count} instances hold the {StatePublisher} lease at once");
            active = holders.SingleOrDefault().Instance;
            return active is not null;
        });
        return active!;
    }

    private static PublisherLease.Types.Role Role(GetStatusResponse status) =>
        status.Followers.Single(f => f.Name == StatePublisher).Lease.Role;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
            await instance.DisposeAsync();
        await _node.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();
}
