using Google.Protobuf.WellKnownTypes;
using Registry.EventStore;
using Grpc.Core;
using Registry.Server.Rpc;
using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.Server.Programs;
using Registry.Server.Projections;
using Registry.Server.Publishing;
using Registry.V1;

namespace Registry.Server.Admin;

/// <summary>registry.v1.Admin: where every projection and publisher stands, the bus, and projection rebuilds.</summary>
internal sealed class AdminService(ProjectionsService projections, IEventStore store, BusHealth bus) : V1.Admin.AdminBase
{
    public override async Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var response = new GetStatusResponse { Head = ToProto.Position(await store.ReadHeadAsync(context.CancellationToken)) };
        response.Followers.AddRange(projections.Engine.Statuses().Select(s => ToMessage(s, FollowerStatus.Types.Kind.Projection)));
        response.Followers.AddRange(projections.Publishers.Select(ToMessage));
        var health = bus.Check();
        response.Bus = new BusStatus
        {
            Transport = health.Transport, Address = health.Address, PublishingEnabled = health.PublishingEnabled,
            Healthy = health.Healthy, Description = health.Description,
        };
        return response;
    }

    public override async Task<RebuildProjectionResponse> RebuildProjection(RebuildProjectionRequest request, ServerCallContext context)
    {
        var engine = projections.Engine;
        if (!engine.Statuses().Any(s => s.Name == request.Name))
            throw new InvalidRequestException($"No projection named '{request.Name}'.", "name", "must name a projection (see Admin.GetStatus)");
        try
        {
            await engine.RebuildAsync(request.Name).WaitAsync(context.CancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.Aborted, e.Message));
        }
        return new RebuildProjectionResponse { Status = ToMessage(engine.Status(request.Name), FollowerStatus.Types.Kind.Projection) };
    }

    public override Task<RestartFollowerResponse> RestartFollower(RestartFollowerRequest request, ServerCallContext context)
    {
        if (!projections.Restart(request.Name))
            throw new InvalidRequestException($"No projection or publisher named '{request.Name}'.", "name", "must name a follower (see Admin.GetStatus)");
        var publisher = projections.Publishers.FirstOrDefault(p => p.Name == request.Name);
        var status = publisher is not null ? ToMessage(publisher) : ToMessage(projections.Engine.Status(request.Name), FollowerStatus.Types.Kind.Projection);
        return Task.FromResult(new RestartFollowerResponse { Status = status });
    }

    private static FollowerStatus ToMessage(LogPublisher publisher)
    {
        var message = ToMessage(publisher.Status, FollowerStatus.Types.Kind.Publisher);
        var lease = publisher.Lease.View;
        message.Lease = new PublisherLease
        {
            Role = lease.Held ? PublisherLease.Types.Role.Active : PublisherLease.Types.Role.Standby,
            Holder = lease.Holder ?? string.Empty,
            HeldSince = lease.HeldSince is { } since ? Timestamp.FromDateTimeOffset(since) : null,
        };
        return message;
    }

    private static FollowerStatus ToMessage(ProjectionStatus status, FollowerStatus.Types.Kind kind) => new()
    {
        Name = status.Name,
        Kind = kind,
        Generation = status.Generation,
        State = status.State switch
        {
            ProjectionState.Starting => FollowerStatus.Types.State.Starting,
            ProjectionState.CatchingUp => FollowerStatus.Types.State.CatchingUp,
            ProjectionState.Live => FollowerStatus.Types.State.Live,
            ProjectionState.Rebuilding => FollowerStatus.Types.State.Rebuilding,
            ProjectionState.Retrying => FollowerStatus.Types.State.Retrying,
            ProjectionState.Faulted => FollowerStatus.Types.State.Faulted,
            ProjectionState.Standby => FollowerStatus.Types.State.Standby,
            _ => FollowerStatus.Types.State.Stopped,
        },
        Checkpoint = ToProto.Position(status.Checkpoint),
        Lag = status.Lag,
        Error = status.Error ?? string.Empty,
    };

}
