using Registry.EventStoreDb.Wire.Gossip;
using State = Registry.EventStoreDb.Wire.Gossip.MemberInfo.Types.VNodeState;

namespace Registry.EventStoreDb.Connection;

/// <summary>A member chosen from gossip: where it listens and what it said it was.</summary>
internal readonly record struct ChosenNode(Endpoint Endpoint, State State)
{
    public bool IsLeader => State == State.Leader;
}

/// <summary>Picks the member to talk to from gossip: the preferred role if one is alive, else any that serves.</summary>
internal static class NodeSelection
{
    private static readonly State[] Serving = [State.Leader, State.Follower, State.ReadOnlyReplica];

    /// <param name="avoid">Nodes that just failed: taken only when gossip offers nothing else (its news may lag).</param>
    public static ChosenNode? Choose(IEnumerable<MemberInfo> members, NodePreference preference, Func<Endpoint, bool>? avoid = null)
    {
        var serving = members.Where(m => m.IsAlive && Serving.Contains(m.State) && m.HttpEndPoint is not null)
            .Select(m => new ChosenNode(new Endpoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port), m.State))
            .ToList();
        var alive = serving.Where(n => avoid?.Invoke(n.Endpoint) != true).ToList() is { Count: > 0 } fresh ? fresh : serving;
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
        return pool[Random.Shared.Next(pool.Count)];
    }
}
