using Grpc.Health.V1;
using Registry.Client;
using Registry.V1;
using Xunit.Abstractions;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// The broker (a node of the test's own) stops and starts again while commands keep coming, or is down when
/// the registry starts: the registry reports the outage and its lag, loses nothing, and every state change
/// reaches the subscriber's queue.
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class BrokerRestartTests(ITestOutputHelper output)
{

    [Fact]
    public async Task Every_state_change_is_delivered_after_a_broker_restart_under_load_and_the_outage_shows_in_health_and_status()
    {
        await using var broker = await RabbitMqBroker.StartPrivateAsync();
        var workload = Workload.Create(programmes: 40);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}restart", workload.Prefix);
        await subscriber.DeclareAsync();
        await using var registry = await TestRegistry.StartAsync(settings: [.. broker.RegistrySettings(), "--Publishing:ConfirmTimeout=00:00:02"]);
        await workload.AnnounceAllAsync(registry.Client);

        using var stopWriting = new CancellationTokenSource();
        var writing = workload.ReportUntilAsync(registry.Client, callers: 4, pause: TimeSpan.FromMilliseconds(40), stopWriting.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await broker.StopAsync();
        var outage = await UntilOutageReportedAsync(registry);
        await broker.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stopWriting.CancelAsync();
        var acknowledged = await writing;

        await Workload.UntilPublishedAsync(registry.Client);
        await TestRegistry.UntilAsync(async () => (await registry.Client.Health().CheckAsync(new HealthCheckRequest { Service = "registry.publishing" })).Status
            == HealthCheckResponse.Types.ServingStatus.Serving);
        var log = await workload.HistoryAsync(registry.Client);
        var received = await subscriber.ConsumeAsync(count: log.Count);

        var duplicates = Deliveries.AssertEveryEventDelivered(log, received);
        Assert.Equal(workload.ProgramIds.Count + acknowledged, log.Count);
        Assert.True(outage.Lag > 0, "no lag reported while the broker was down");
        Assert.Contains("is the broker reachable?", outage.Error, StringComparison.Ordinal);
        var after = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        Assert.True(after.Bus.Healthy, $"the bus still reports '{after.Bus.Description}' after the broker came back");
        output.WriteLine($"{acknowledged} reports acknowledged; {log.Count} events, {received.Count} deliveries ({duplicates} duplicates); " +
            $"during the outage: lag {outage.Lag}, '{outage.Error}'");
    }

    [Fact]
    public async Task A_registry_started_while_the_broker_is_down_takes_commands_and_publishes_them_once_it_is_up()
    {
        await using var broker = await RabbitMqBroker.StartPrivateAsync();
        var workload = Workload.Create(programmes: 3);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}late", workload.Prefix);
        await subscriber.DeclareAsync();
        await broker.StopAsync();

        await using var registry = await TestRegistry.StartAsync(settings: [.. broker.RegistrySettings(), "--Publishing:ConfirmTimeout=00:00:02"]);
        await workload.AnnounceAllAsync(registry.Client);
        for (var i = 0; i < 12; i++)
            await workload.ReportAsync(registry.Client);
        var outage = await UntilOutageReportedAsync(registry);
        await broker.StartAsync();

        await Workload.UntilPublishedAsync(registry.Client);
        var log = await workload.HistoryAsync(registry.Client);
        var received = await subscriber.ConsumeAsync(count: log.Count);
        Assert.Equal(15, log.Count);
        Deliveries.AssertEveryEventDelivered(log, received);
        Assert.True(outage.Lag > 0, "no lag reported while the broker was down");
    }

    /// <summary>Waits until health says publishing is down and Admin shows a publisher retrying with the bus unhealthy.</summary>
    private static async Task<FollowerStatus> UntilOutageReportedAsync(TestRegistry registry)
    {
        FollowerStatus? retrying = null;
        await TestRegistry.UntilAsync(async () =>
        {
            var health = await registry.Client.Health().CheckAsync(new HealthCheckRequest { Service = "registry.publishing" });
            var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
            retrying = status.Followers.FirstOrDefault(f => f.Name == "program-state" && f.State == FollowerStatus.Types.State.Retrying && f.Lag > 0);
            return health.Status == HealthCheckResponse.Types.ServingStatus.NotServing && retrying is not null && !status.Bus.Healthy;
        });
        return retrying!;
    }
}
