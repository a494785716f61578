using System.Globalization;
using Grpc.Core;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Gossip;
using State = Registry.EventStoreDb.Wire.Gossip.MemberInfo.Types.VNodeState;

namespace Registry.EventStoreDb.Conformance;

/// <summary>What a survivor answers, while the cluster has no leader, to a call that needs one.</summary>
public enum ElectionAnswer
{
    /// <summary>UNAVAILABLE "Server Is Not Ready", as a node in an election does; its gossip shows no leader.</summary>
    NotReady,

    /// <summary>
    /// "not leader" naming the lost leader, as a follower that has not noticed the loss yet does; its gossip
    /// still shows that leader alive.
    /// </summary>
    NotLeader,
}

/// <summary>
/// Who is alive and who leads, shared by the members of an in-process cluster (<see cref="ConformanceCluster"/>),
/// and how each member answers and gossips accordingly. Thread-safe: the test changes it while calls run.
/// </summary>
internal sealed class ClusterState(int size, string address)
{
    private readonly Lock _lock = new();
    private readonly Guid[] _ids = [.. Enumerable.Range(0, size).Select(_ => Guid.NewGuid())];
    private readonly int[] _ports = new int[size];
    private readonly bool[] _alive = new bool[size];
    private int? _leader;
    private int? _lostLeader;

    public int Size => size;

    /// <summary>The answer of survivor <c>node</c> during an election.</summary>
    public Func<int, ElectionAnswer> AnswerDuringElection { get; set; } = _ => ElectionAnswer.NotReady;

    public int? Leader
    {
        get
        {
            lock (_lock)
                return _leader;
        }
    }

    public int Port(int node) => _ports[node];

    public bool IsAlive(int node)
    {
        lock (_lock)
            return _alive[node];
    }

    public void Up(int node, int port)
    {
        lock (_lock)
        {
            _ports[node] = port;
            _alive[node] = true;
        }
    }

    /// <summary>The node went down; if it led, the survivors are without a leader until <see cref="Elect"/>.</summary>
    public void Down(int node)
    {
        lock (_lock)
        {
            _alive[node] = false;
            if (_leader == node)
            {
                _leader = null;
                _lostLeader = node;
            }
        }
    }

    public void Elect(int node)
    {
        lock (_lock)
        {
            if (!_alive[node])
                throw new InvalidOperationException($"Node {node} is down: it cannot become leader.");
            _leader = node;
            _lostLeader = null;
        }
    }

    /// <summary>Refuses a call node <paramref name="node"/> may not serve, as EventStoreDB does.</summary>
    public void Admit(int node, bool needsLeader)
    {
        int? leader, lost;
        bool alive;
        lock (_lock)
        {
            leader = _leader;
            lost = _lostLeader;
            alive = _alive[node];
        }
        // Stopping: a call that slipped in before the server went away finds no node behind it.
        if (!alive)
            throw new RpcException(new Status(StatusCode.Unavailable, "The node is shutting down"));
        if (leader == node)
            return;
        if (leader is { } other)
        {
            if (needsLeader)
                throw NotLeader(other);
            return;
        }
        if (lost is { } stale && AnswerDuringElection(node) == ElectionAnswer.NotLeader)
        {
            if (needsLeader)
                throw NotLeader(stale);
            return;
        }
        throw new RpcException(new Status(StatusCode.Unavailable, "Server Is Not Ready"));
    }

    /// <summary>The members as node <paramref name="node"/> sees them.</summary>
    public ClusterInfo Gossip(int node)
    {
        var info = new ClusterInfo();
        lock (_lock)
        {
            var stale = _leader is null && _lostLeader is not null && AnswerDuringElection(node) == ElectionAnswer.NotLeader;
            for (var member = 0; member < size; member++)
            {
                var (state, alive) = stale && member == _lostLeader
                    ? (State.Leader, true)
                    : (StateOf(member, stale), _alive[member]);
                info.Members.Add(new MemberInfo
                {
                    InstanceId = Uuids.Structured(_ids[member]),
                    TimeStamp = DateTime.UtcNow.Ticks,
                    State = state,
                    IsAlive = alive,
                    HttpEndPoint = new EndPoint { Address = address, Port = (uint)_ports[member] },
                });
            }
        }
        return info;
    }

    private State StateOf(int member, bool staleView)
    {
        if (_leader == member || (!_alive[member] && _lostLeader == member))
            return State.Leader;
        if (!_alive[member])
            return State.Shutdown;
        return _leader is not null || staleView ? State.Follower : State.Unknown;
    }

    private RpcException NotLeader(int leader) => new(new Status(StatusCode.NotFound, "Leader info available"), new Metadata
    {
        { ErrorMetadata.Exception, ErrorMetadata.NotLeader },
        { ErrorMetadata.LeaderHost, address },
        { ErrorMetadata.LeaderPort, _ports[leader].ToString(CultureInfo.InvariantCulture) },
    });
}
