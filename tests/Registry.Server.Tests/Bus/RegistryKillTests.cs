using Grpc.Core;
using Registry.EventStore.Tests;
using Registry.Server.Tests.Crash;
using Xunit.Abstractions;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// The registry dies by SIGKILL after the broker confirmed a batch and before the publisher wrote its
/// checkpoint (Publishing:TestKillAfterConfirmedMessages, a test-only hook); restarted, it publishes that
/// batch again with the same message ids, and the subscriber misses nothing.
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class RegistryKillTests(ITestOutputHelper output) : IDisposable
{
    private const int ConfirmedBeforeKill = 60;
    private readonly TempFolder _data = new();

    [Fact]
    public async Task Killed_between_confirm_and_checkpoint_the_registry_publishes_again_after_restart_and_nothing_is_lost()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 5);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}kill", workload.Prefix);
        await subscriber.DeclareAsync();
        string[] settings = [.. broker.RegistrySettings(), "--Seeding:Enabled=false"];

        int exitCode;
        await using (var doomed = await ServerProcess.StartAsync(_data.Path, [.. settings, $"--Publishing:TestKillAfterConfirmedMessages={ConfirmedBeforeKill}"]))
        {
            await workload.AnnounceAllAsync(doomed.Client);
            await ReportUntilDeadAsync(workload, doomed);
            exitCode = await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var restarted = await ServerProcess.StartAsync(_data.Path, settings);
        for (var i = 0; i < 10; i++)
            await workload.ReportAsync(restarted.Client);
        await Workload.UntilPublishedAsync(restarted.Client);
        var log = await workload.HistoryAsync(restarted.Client);
        var received = await subscriber.ConsumeAsync(count: log.Count);

        Assert.Equal(137, exitCode);
        var duplicates = Deliveries.AssertEveryEventDelivered(log, received);
        Assert.True(duplicates > 0, "nothing was published again after the kill: the checkpoint moved past messages before the kill, or the hook did not fire in the window");
        output.WriteLine($"{log.Count} events, {received.Count} deliveries, {duplicates} published again after the restart");
        await restarted.StopAsync();
    }

    /// <summary>Sends reports one by one until the server, killed by its hook, stops answering.</summary>
    private static async Task ReportUntilDeadAsync(Workload workload, ServerProcess server)
    {
        for (var i = 0; i < 10 * ConfirmedBeforeKill; i++)
        {
            try
            {
                await workload.ReportAsync(server.Client);
            }
            catch (RpcException)
            {
                return;
            }
        }
        Assert.Fail($"the server was still answering after {10 * ConfirmedBeforeKill} reports; its output:{Environment.NewLine}{server.Output}");
    }

    public void Dispose() => _data.Dispose();
}
