using System.Globalization;
using Grpc.Core;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Gossip;

namespace Registry.EventStoreDb.Conformance;

/// <summary>
/// Cluster membership as this node sees it: itself (leader, or follower of the configured leader) and the
/// leader it follows; in an in-process cluster, every member as this one sees it.
/// </summary>
public sealed class GossipService(NodeGate gate) : Gossip.GossipBase
{
    private readonly Guid _instanceId = Guid.NewGuid();

    public override Task<ClusterInfo> Read(Empty request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (gate.Cluster is { } cluster)
            return Task.FromResult(cluster.State.Gossip(cluster.Node));
        var self = context.GetHttpContext().Connection.LocalPort;
        var info = new ClusterInfo();
        var state = gate.Options.Leader is null ? MemberInfo.Types.VNodeState.Leader : MemberInfo.Types.VNodeState.Follower;
        info.Members.Add(Member(_instanceId, state, gate.Options.Address, self));
        if (gate.Options.Leader is { } leader)
            info.Members.Add(Member(StableId(leader), MemberInfo.Types.VNodeState.Leader, leader.Host, leader.Port));
        return Task.FromResult(info);
    }

    private static MemberInfo Member(Guid id, MemberInfo.Types.VNodeState state, string host, int port) => new()
    {
        InstanceId = Uuids.Structured(id),
        TimeStamp = DateTime.UtcNow.Ticks,
        State = state,
        IsAlive = true,
        HttpEndPoint = new EndPoint { Address = host, Port = (uint)port },
    };

    private static Guid StableId((string Host, int Port) endpoint) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{endpoint.Host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}")).AsSpan(0, 16));
}
