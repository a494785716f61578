using Registry.Client;
using Registry.V1;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// Commands through gRPC reach an independent subscriber (pika, a separate process, its own durable queue)
/// through a real RabbitMQ broker: live, and as a backlog kept while the subscriber was away.
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class SubscriberTests
{
    [Fact]
    public async Task A_live_subscriber_receives_every_change_with_its_content_version_and_derived_id()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 5);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}live", workload.Prefix);
        await subscriber.DeclareAsync();
        await using var registry = await TestRegistry.StartAsync(settings: broker.RegistrySettings());

        const int Reports = 45;
        var consuming = subscriber.ConsumeAsync(count: workload.ProgramIds.Count + Reports);
        await workload.AnnounceAllAsync(registry.Client);
        for (var i = 0; i < Reports; i++)
            await workload.ReportAsync(registry.Client);
        var received = await consuming;

        var log = await workload.HistoryAsync(registry.Client);
        Assert.Equal(50, log.Count);
        Deliveries.AssertEveryEventDelivered(log, received);
        // The read model may still be gathering what the publishers already sent: read it as of the head.
        var head = await registry.Store.ReadHeadAsync();
        var everything = new LogPosition { Commit = head.Commit, Prepare = head.Prepare };
        foreach (var programId in workload.ProgramIds)
        {
            var current = await registry.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = programId, MinPosition = everything });
            var newest = received.Where(r => r.ProgramId == programId).MaxBy(r => r.Version)!;
            var state = newest.Message.GetProperty("state");
            Assert.Equal((current.Version, current.Name, "KZ"), (newest.Version, state.GetProperty("name").GetString(), state.GetProperty("country").GetString()));
            Assert.Equal(current.Position.Commit, newest.Message.GetProperty("commitPosition").GetUInt64());
            Assert.Equal("AttributeReported.v1", newest.Message.GetProperty("eventType").GetString());
            Assert.Equal(
                current.Attributes.Select(a => a.Attribute).Order(),
                state.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("attribute").GetString()).Order());
        }
        var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(("RabbitMq", true, true), (status.Bus.Transport, status.Bus.Healthy, status.Bus.PublishingEnabled));
        Assert.Equal($"amqp://{broker.Address.Host}:{broker.Port}/%2F", status.Bus.Address);
    }

    [Fact]
    public async Task A_subscriber_that_was_offline_receives_the_backlog_from_its_durable_queue()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 4);
        var subscriber = new BusSubscriber(broker, $"{workload.Prefix}offline", workload.Prefix);
        await subscriber.DeclareAsync();
        await using var registry = await TestRegistry.StartAsync(settings: broker.RegistrySettings());

        // Offline: the queue exists, nobody reads it.
        await workload.AnnounceAllAsync(registry.Client);
        for (var i = 0; i < 16; i++)
            await workload.ReportAsync(registry.Client);
        await Workload.UntilPublishedAsync(registry.Client);
        var backlog = await subscriber.ConsumeAsync(count: 20);

        // Away again; then the rest.
        for (var i = 0; i < 10; i++)
            await workload.ReportAsync(registry.Client);
        await Workload.UntilPublishedAsync(registry.Client);
        var rest = await subscriber.ConsumeAsync(count: 10);

        var log = await workload.HistoryAsync(registry.Client);
        Assert.Equal(30, log.Count);
        Assert.Equal(20, backlog.Select(r => r.EventId).Distinct().Count());
        Deliveries.AssertEveryEventDelivered(log, [.. backlog, .. rest]);
        Assert.Empty(rest.Select(r => r.EventId).Intersect(backlog.Select(r => r.EventId)));
    }
}
