using System.Collections.Concurrent;
using Grpc.Health.V1;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Contracts;
using Registry.Testing;
using Registry.V1;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// The default: the in-memory bus with no consumer in the process. Nobody could receive the publishers'
/// messages, so they are not built; the publishers still follow the log to its head, LIVE, and say so.
/// </summary>
public sealed class NobodyListeningTests
{
    [Fact]
    public async Task Publishers_with_no_consumer_follow_the_log_live_and_status_and_log_say_nothing_is_published()
    {
        var logs = new LogCapture();
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton<ILoggerProvider>(logs),
            settings: ["--Logging:LogLevel:Registry.Server.Projections=Information"]);
        var workload = Workload.Create(programmes: 3);

        await workload.AnnounceAllAsync(registry.Client);
        await workload.ReportAsync(registry.Client);
        await TestRegistry.UntilAsync(async () =>
        {
            var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
            return status.Followers.Where(f => f.Kind == FollowerStatus.Types.Kind.Publisher)
                .All(f => f.State == FollowerStatus.Types.State.Live && f.Checkpoint.Equals(status.Head));
        });

        var after = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(["program-facts", "program-state"], after.Followers.Where(f => f.Kind == FollowerStatus.Types.Kind.Publisher).Select(f => f.Name).Order());
        Assert.True(after.Bus.Healthy);
        Assert.Contains("no consumer in this process for program-state (ProgramStateChanged), program-facts (ProgramReportDenied, ProgramClaimCorrected)",
            after.Bus.Description, StringComparison.Ordinal);
        var publishing = await registry.Client.Health().CheckAsync(new HealthCheckRequest { Service = "registry.publishing" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, publishing.Status);
        Assert.Equal(["program-facts", "program-state"], logs.Entries
            .Where(e => e.Level == LogLevel.Information && e.Message.Contains("follows the log without publishing", StringComparison.Ordinal))
            .Select(e => e.Values["Publisher"]).Order());
    }

    [Fact]
    public async Task A_consumer_of_one_message_type_makes_only_its_publisher_publish()
    {
        var received = new ConcurrentQueue<(Guid? MessageId, ProgramStateChanged Message)>();
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton(received),
            bus => bus.AddConsumer<ProgramStateChangedTests.Collector>());
        var workload = Workload.Create(programmes: 2);

        await workload.AnnounceAllAsync(registry.Client);
        await TestRegistry.UntilAsync(() => Task.FromResult(received.Count >= 2));

        var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        Assert.Contains("no consumer in this process for program-facts (", status.Bus.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("program-state (", status.Bus.Description, StringComparison.Ordinal);
    }
}
