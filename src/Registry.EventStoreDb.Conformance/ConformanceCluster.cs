using Registry.EventStore;
using Registry.EventStore.Sqlite;

namespace Registry.EventStoreDb.Conformance;

/// <summary>
/// Conformance nodes that form one cluster in this process, for failover tests: they share one log (what a
/// quorum commit replicates, modelled by one SQLite store behind every node's Kestrel server), gossip lists every
/// member with its state, and the test decides elections: stop a node (its server goes down, its port stays
/// reserved for its return), let the survivors answer as nodes between leaders do, elect one, bring the stopped
/// one back as a follower.
/// </summary>
public sealed class ConformanceCluster : IAsyncDisposable
{
    private const string Address = "127.0.0.1";

    private readonly SqliteEventStore _log;
    private readonly ClusterState _state;
    private readonly ConformanceServer?[] _servers;

    private ConformanceCluster(SqliteEventStore log, int size)
    {
        _log = log;
        _state = new ClusterState(size, Address);
        _servers = new ConformanceServer?[size];
    }

    /// <param name="dataPath">The shared log's SQLite file.</param>
    /// <param name="electLeader">False: start leaderless (every node answers "not ready") until <see cref="Elect"/>.</param>
    public static async Task<ConformanceCluster> StartAsync(string dataPath, int size = 3, bool electLeader = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var cluster = new ConformanceCluster(SqliteEventStore.Open(new SqliteEventStoreOptions { Path = dataPath }), size);
        try
        {
            for (var node = 0; node < size; node++)
                await cluster.StartNodeAsync(node, port: 0);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        if (electLeader)
            cluster.Elect(0);
        return cluster;
    }

    /// <summary>The log every member serves, for tests that check what was written.</summary>
    public IEventStore Log => _log;

    public int Size => _state.Size;

    /// <summary>The leader's index, or null between leaders.</summary>
    public int? Leader => _state.Leader;

    public int Port(int node) => _state.Port(node);

    public bool IsUp(int node) => _state.IsAlive(node);

    /// <summary>Calls of the Streams methods node <paramref name="node"/> admitted since it last started.</summary>
    public CallCounts Calls(int node) => (_servers[node] ?? throw new InvalidOperationException($"Node {node} is down.")).Calls;

    /// <summary>Every member as a seed, cleartext: how a client of a real cluster names it.</summary>
    public string ConnectionString => $"esdb://{string.Join(',', Enumerable.Range(0, Size).Select(n => $"{Address}:{Port(n)}"))}?tls=false";

    /// <summary>What survivor <c>node</c> answers between leaders; by default "not ready".</summary>
    public Func<int, ElectionAnswer> AnswerDuringElection
    {
        get => _state.AnswerDuringElection;
        set => _state.AnswerDuringElection = value;
    }

    /// <summary>Node <paramref name="node"/> becomes the leader; gossip says so at once.</summary>
    public void Elect(int node) => _state.Elect(node);

    /// <summary>
    /// Stops a node as it going down would (its subscriptions dropped, its server stopped, connections refused
    /// from then on). If it led, the cluster has no leader until <see cref="Elect"/>.
    /// </summary>
    public async Task StopAsync(int node)
    {
        var server = _servers[node] ?? throw new InvalidOperationException($"Node {node} is already down.");
        _state.Down(node);
        _servers[node] = null;
        await server.DisposeAsync();
    }

    /// <summary>Starts a stopped node again on its port; it rejoins as a follower.</summary>
    public Task RestartAsync(int node) => _servers[node] is null
        ? StartNodeAsync(node, Port(node))
        : throw new InvalidOperationException($"Node {node} is running.");

    private async Task StartNodeAsync(int node, int port)
    {
        var options = new ConformanceOptions { DataPath = string.Empty, Address = Address, Port = port };
        var server = await ConformanceServer.StartMemberAsync(options, _log, _state, node);
        _servers[node] = server;
        _state.Up(node, server.Port);
    }

    public async ValueTask DisposeAsync()
    {
        for (var node = 0; node < _servers.Length; node++)
        {
            if (_servers[node] is { } server)
                await server.DisposeAsync();
            _servers[node] = null;
        }
        await _log.DisposeAsync();
    }
}
