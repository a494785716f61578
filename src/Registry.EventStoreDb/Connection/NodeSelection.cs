using Registry.EventStoreDb.Wire.Gossip;
using State = Registry.EventStoreDb.Wire.Gossip.MemberInfo.Types.VNodeState;

namespace Registry.EventStoreDb.Connection;

/// <summary>Picks the member to talk to from gossip: the preferred role if one is alive, else any that serves.</summary>
internal static class NodeSelection
{
    private static readonly State[] Serving = [State.Leader, State.Follower, State.ReadOnlyReplica];

    public static Endpoint? Choose(IEnumerable<MemberInfo> members, NodePreference preference)
    {
        var alive = members.Where(m => m.IsAlive && Serving.Contains(m.State) && m.HttpEndPoint is not null).ToList();
        if (alive.Count == 0)
            return null;
        var preferred = preference switch
        {
            NodePreference.Leader => alive.Where(m => m.State == State.Leader),
            NodePreference.Follower => alive.Where(m => m.State == State.Follower),
            NodePreference.ReadOnlyReplica => alive.Where(m => m.State == State.ReadOnlyReplica),
            _ => alive.Where(m => m.State != State.ReadOnlyReplica),
        };
        var pool = preferred.ToList() is { Count: > 0 } some ? some : alive;
        var member = pool[Random.Shared.Next(pool.Count)];
        return new Endpoint(member.HttpEndPoint.Address, (int)member.HttpEndPoint.Port);
    }
}
