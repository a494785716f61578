using Grpc.Core;
using System.Collections.Concurrent;
using Grpc.Health.V1;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Registry.EventStore;
using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.V1;

namespace Registry.Server.Tests;

/// <summary>
/// The host end to end: events in the log become MassTransit messages (in-memory transport) with ids
/// derived from the events; projections and publishers report their place through Admin and health.
/// </summary>
public sealed class PublishingThroughTheBusTests
{



    [Fact]
    public async Task Every_event_reaches_a_bus_consumer_with_the_derived_message_id_and_the_publisher_reports_live()
    {
        var received = new ConcurrentQueue<(Guid? MessageId, EventSeen Message)>();
        await using var registry = await TestRegistry.StartAsync(
            services => services.AddSingleton(received).AddSingleton<IMessageMapper, EventSeenMapper>(),
            bus => bus.AddConsumer<EventSeenConsumer>());

        await registry.AppendAsync("a", 30);
        await registry.AppendAsync("b", 20);
        await TestRegistry.UntilAsync(() => Task.FromResult(received.Count >= 50));
        await TestRegistry.UntilAsync(async () => (await registry.Client.Admin.GetStatusAsync(new GetStatusRequest())).Followers
            .Single(f => f.Name == "event-seen").State == FollowerStatus.Types.State.Live);

        var log = new List<RecordedEvent>();
        await foreach (var recorded in registry.Store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
            log.Add(recorded);
        Assert.Equal(log.Select(e => e.EventId).Order(), received.Select(r => r.Message.EventId).Order());
        Assert.All(received, r => Assert.Equal(MessageIds.Derive(r.Message.EventId, nameof(EventSeen)), r.MessageId));
        var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        var publisher = status.Followers.Single(f => f.Name == "event-seen");
        Assert.Equal(FollowerStatus.Types.Kind.Publisher, publisher.Kind);
        Assert.Equal(status.Head, publisher.Checkpoint);
        Assert.Equal(0UL, publisher.Lag);
        var publishing = await registry.Client.Health().CheckAsync(new HealthCheckRequest { Service = "registry.publishing" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, publishing.Status);
    }

    [Fact]
    public async Task A_projection_can_be_rebuilt_through_admin_and_reports_its_new_generation()
    {
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton<ISqliteProjection, EventCount>());
        await registry.AppendAsync("a", 25);

        var rebuilt = await registry.Client.Admin.RebuildProjectionAsync(new RebuildProjectionRequest { Name = "event_count" });
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            registry.Client.Admin.RebuildProjectionAsync(new RebuildProjectionRequest { Name = "nope" }).ResponseAsync);

        Assert.Equal(2, rebuilt.Status.Generation);
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        await TestRegistry.UntilAsync(async () => (await registry.Client.Admin.GetStatusAsync(new GetStatusRequest())).Followers
            .Single(f => f.Name == "event_count").Lag == 0);
        var projections = await registry.Client.Health().CheckAsync(new HealthCheckRequest { Service = "registry.projections" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, projections.Status);
    }

    [Fact]
    public async Task A_faulted_projection_turns_projections_health_not_serving()
    {
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton<ISqliteProjection>(new EventCount(failOn: "a")));

        await registry.AppendAsync("a", 1);

        await TestRegistry.UntilAsync(async () => (await registry.Client.Health().CheckAsync(new HealthCheckRequest { Service = "registry.projections" }))
            .Status == HealthCheckResponse.Types.ServingStatus.NotServing);
        var status = await registry.Client.Admin.GetStatusAsync(new GetStatusRequest());
        var projection = status.Followers.Single(f => f.Name == "event_count");
        Assert.Equal(FollowerStatus.Types.State.Faulted, projection.State);
        Assert.Contains("Counted.v1", projection.Error, StringComparison.Ordinal);
    }

    public sealed record EventSeen(Guid EventId, string Stream);

    public sealed class EventSeenConsumer(ConcurrentQueue<(Guid?, EventSeen)> received) : IConsumer<EventSeen>
    {
        public Task Consume(ConsumeContext<EventSeen> context)
        {
            received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }

    private sealed class EventSeenMapper : IMessageMapper
    {
        public string Name => "event-seen";
        public SubscriptionFilter? Filter => null;
        public IReadOnlyList<Type> MessageTypes { get; } = [typeof(EventSeen)];

        public ValueTask<IReadOnlyList<OutgoingMessage>> MapAsync(RecordedEvent recorded, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<OutgoingMessage>>(
                [new OutgoingMessage(MessageIds.Derive(recorded.EventId, nameof(EventSeen)), new EventSeen(recorded.EventId, recorded.Stream))]);
    }

    private sealed class EventCount(string? failOn = null) : ISqliteProjection
    {
        public string Name => "event_count";
        public int Version => 1;
        public SubscriptionFilter? Filter => null;
        public IReadOnlyList<string> Tables { get; } = ["streams"];

        public void CreateSchema(ProjectionContext context) =>
            context.Execute($"CREATE TABLE {context.Table("streams")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL)");

        public void Apply(ProjectionContext context, RecordedEvent recorded)
        {
            if (recorded.Stream == failOn)
                throw new InvalidOperationException("cannot count this");
            context.Execute($"INSERT INTO {context.Table("streams")} VALUES ($s, 1) ON CONFLICT(stream) DO UPDATE SET events = events + 1", ("$s", recorded.Stream));
        }
    }
}
