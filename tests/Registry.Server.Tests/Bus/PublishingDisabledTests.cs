using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client;
using Registry.Contracts;
using Registry.V1;

namespace Registry.Server.Tests.Bus;

/// <summary>Publishing:Enabled=false: an instance that runs no publisher still takes commands and keeps its projections.</summary>
public sealed class PublishingDisabledTests
{
    [Fact]
    public async Task With_publishing_off_nothing_is_published_and_status_says_so()
    {
        var received = new ConcurrentQueue<(Guid? MessageId, ProgramStateChanged Message)>();
        await using var registry = await TestRegistry.StartAsync(
            services => services.AddSingleton(received),
            bus => bus.AddConsumer<ProgramStateChangedTests.Collector>(),
            ["--Publishing:Enabled=false"]);
        var workload = Workload.Create(programmes: 3);

        await workload.AnnounceAllAsync(registry.Client);
        await TestRegistry.UntilAsync(async () =>
        {
            var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
            return status.Followers.Single(f => f.Name == "programs").Checkpoint.Equals(status.Head);
        });

        var after = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        Assert.DoesNotContain(after.Followers, f => f.Kind == FollowerStatus.Types.Kind.Publisher);
        Assert.Equal(("InMemory", false), (after.Bus.Transport, after.Bus.PublishingEnabled));
        var program = await registry.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = workload.ProgramIds[0] });
        Assert.Equal(0, program.Version);
        Assert.Empty(received);
    }
}
