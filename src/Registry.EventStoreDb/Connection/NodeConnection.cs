using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;

namespace Registry.EventStoreDb.Connection;

/// <summary>
/// The node this client talks to: the one host named, or the member chosen from cluster gossip by node
/// preference. Follows a not-leader answer to the leader it names, unless that node just failed (a dead leader
/// named by a survivor that has not noticed yet): then, as when the node itself fails, it discovers again.
/// One discovery runs at a time and every caller shares it, each waiting no longer than its own deadline.
/// One channel per node, kept for the client's life.
/// </summary>
internal sealed class NodeConnection(EventStoreDbSettings settings, ILogger logger) : IDisposable
{
    /// <summary>How long a node that failed is passed over when gossip or a not-leader answer names it.</summary>
    private static readonly TimeSpan FailedNodeQuarantine = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Endpoint, NodeChannel> _channels = new();
    private readonly ConcurrentDictionary<Endpoint, DateTime> _failedAt = new();
    private readonly NodeHeaders _headers = new(settings);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private readonly string _seeds = string.Join(", ", settings.Hosts);
    // A reference, read without the lock: a struct could be read torn.
    private volatile NodeChannel? _current;
    private Endpoint? _leader;
    private Task<Endpoint>? _discovery;
    // Logged once from a node's loss until a call is served again, not once per try during the election.
    private bool _rediscoveryLogged;
    private bool _noLeaderLogged;
    private volatile Outcome _lastOutcome = new(false, "no call made yet", DateTime.MinValue);

    /// <summary>The last call's outcome: what health reports.</summary>
    public sealed record Outcome(bool Served, string Description, DateTime At);

    public EventStoreDbSettings Settings => settings;

    public ILogger Logger => logger;

    public Outcome LastOutcome => _lastOutcome;

    /// <summary>
    /// The node to call, discovering one when there is none. Fails with <see cref="EventStoreUnavailableException"/>
    /// when the discovery under way finds no node, or is still running at <paramref name="deadline"/>.
    /// </summary>
    public async Task<NodeChannel> CurrentAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        if (_current is { } current)
            return current;
        if (!settings.UsesGossip)
            return _current = Channel(settings.Hosts[0]);
        var discovery = SharedDiscovery();
        var remaining = deadline - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero)
            throw new EventStoreUnavailableException($"No EventStoreDB node found through gossip of {_seeds} before the call's deadline.");
        try
        {
            return Channel(await discovery.WaitAsync(remaining, cancellationToken));
        }
        catch (TimeoutException)
        {
            throw new EventStoreUnavailableException($"No EventStoreDB node found through gossip of {_seeds} before the call's deadline ({_lastOutcome.Description}).");
        }
    }

    /// <summary>A call to <paramref name="node"/> succeeded.</summary>
    public void Served(Endpoint node)
    {
        if (_rediscoveryLogged || _noLeaderLogged)
        {
            lock (_lock)
                _rediscoveryLogged = _noLeaderLogged = false;
        }
        if (!_lastOutcome.Served || DateTime.UtcNow - _lastOutcome.At > TimeSpan.FromMilliseconds(100))
            _lastOutcome = new Outcome(true, $"EventStoreDB node {node} serves calls", DateTime.UtcNow);
    }

    /// <summary>
    /// A not-leader answer from <paramref name="from"/>: call the leader it names, or discover again when that
    /// node just failed.
    /// </summary>
    public void RedirectTo(Endpoint leader, Endpoint from)
    {
        var reason = $"{from} is not the leader; it names {leader}";
        _lastOutcome = new Outcome(false, reason, DateTime.UtcNow);
        if (RecentlyFailed(leader))
        {
            Forget(from, reason + ", which just failed", unreachable: false);
            return;
        }
        lock (_lock)
        {
            if (_current is { } current && current.Endpoint != from)
                return;
            _current = Channel(leader);
            NoteLeader(leader, $"named by {from}");
        }
    }

    /// <summary>
    /// The node failed a call (unreachable, not ready, dropped the call): the next call discovers again. Only a node
    /// that could not be reached at all is passed over for a while: one that answered "not ready" may well be the
    /// next leader.
    /// </summary>
    public void Forget(Endpoint failed, string reason, bool unreachable)
    {
        if (unreachable)
            _failedAt[failed] = DateTime.UtcNow;
        _lastOutcome = new Outcome(false, $"{failed}: {reason}", DateTime.UtcNow);
        lock (_lock)
        {
            if (_current?.Endpoint != failed)
                return;
            _current = null;
            if (settings.UsesGossip && !_rediscoveryLogged)
            {
                _rediscoveryLogged = true;
                ConnectionLog.Rediscovering(logger, failed, reason, _seeds);
            }
        }
    }

    /// <summary>Why a node failed a call, for logs and errors: its status and what it said.</summary>
    public static string Describe(RpcException e) => $"{e.StatusCode}: {e.Status.Detail}";

    private bool RecentlyFailed(Endpoint node) =>
        _failedAt.TryGetValue(node, out var at) && DateTime.UtcNow - at < FailedNodeQuarantine;

    private NodeChannel Channel(Endpoint endpoint) => _channels.GetOrAdd(endpoint, e => new NodeChannel(settings, e, _headers));

    private Task<Endpoint> SharedDiscovery()
    {
        lock (_lock)
        {
            if (_discovery is null || _discovery.IsCompleted)
            {
                _discovery = Task.Run(DiscoverOnceAsync);
                // Its callers may all have given up by the time it fails: its failure is theirs to see, not the finalizer's.
                _discovery.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            return _discovery;
        }
    }

    /// <summary>One round of gossip over the seeds, each bounded by the gossip timeout; callers retry rounds until their deadline.</summary>
    private async Task<Endpoint> DiscoverOnceAsync()
    {
        var failures = new List<string>();
        foreach (var seed in settings.Hosts)
        {
            try
            {
                var info = await Channel(seed).Gossip.ReadAsync(new Empty(), deadline: DateTime.UtcNow + settings.GossipTimeout, cancellationToken: _disposed.Token);
                if (NodeSelection.Choose(info.Members, settings.NodePreference, RecentlyFailed) is { } chosen)
                    return Chosen(chosen);
                failures.Add($"{seed}: no member in a state to serve");
            }
            catch (RpcException e) when (!_disposed.IsCancellationRequested)
            {
                failures.Add($"{seed}: {Describe(e)}");
            }
        }
        var reasons = string.Join("; ", failures);
        _lastOutcome = new Outcome(false, $"no EventStoreDB node found through gossip ({reasons})", DateTime.UtcNow);
        ConnectionLog.DiscoveryFailed(logger, _seeds, reasons);
        throw new EventStoreUnavailableException($"No EventStoreDB node found through gossip of {_seeds} ({reasons}).");
    }

    private Endpoint Chosen(ChosenNode chosen)
    {
        lock (_lock)
        {
            _current = Channel(chosen.Endpoint);
            if (chosen.IsLeader)
            {
                NoteLeader(chosen.Endpoint, $"found through gossip of {_seeds}");
            }
            else if (settings.NodePreference == NodePreference.Leader && !_noLeaderLogged)
            {
                _noLeaderLogged = true;
                ConnectionLog.NoLeader(logger, _seeds, chosen.Endpoint, chosen.State);
            }
        }
        return chosen.Endpoint;
    }

    private void NoteLeader(Endpoint leader, string how)
    {
        if (_leader == leader)
            return;
        ConnectionLog.LeaderChanged(logger, _leader, leader, how);
        _leader = leader;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var channel in _channels.Values)
            channel.Dispose();
        _disposed.Dispose();
    }
}
