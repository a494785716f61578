using System.Collections.Concurrent;
using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;

namespace Registry.EventStoreDb.Connection;

/// <summary>
/// The node this client talks to: the one host named, or the member chosen from cluster gossip by node
/// preference. Follows a not-leader answer to the leader it names; forgets a node that became unreachable
/// so that the next call discovers again. One channel per node, kept for the client's life.
/// </summary>
internal sealed class NodeConnection(EventStoreDbSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<Endpoint, NodeChannel> _channels = new();
    private readonly NodeHeaders _headers = new(settings);
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private Endpoint? _current;

    public EventStoreDbSettings Settings => settings;

    /// <summary>The node to call, discovering one when there is none; fails with unavailable by <paramref name="deadline"/>.</summary>
    public async Task<NodeChannel> CurrentAsync(DateTime deadline, CancellationToken cancellationToken) =>
        Channel(_current ?? await DiscoverAsync(deadline, cancellationToken));

    public void RedirectTo(Endpoint leader) => _current = leader;

    /// <summary>The node stopped answering: the next call looks for one again.</summary>
    public void Forget(Endpoint failed)
    {
        if (_current == failed)
            _current = null;
    }

    private NodeChannel Channel(Endpoint endpoint) => _channels.GetOrAdd(endpoint, e => new NodeChannel(settings, e, _headers));

    private async Task<Endpoint> DiscoverAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        if (!settings.UsesGossip)
            return (_current = settings.Hosts[0]).Value;
        await _discovery.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } found)
                return found;
            var failures = new List<string>();
            for (var attempt = 1; attempt <= settings.MaxDiscoverAttempts && DateTime.UtcNow < deadline; attempt++)
            {
                foreach (var seed in settings.Hosts)
                {
                    var timeout = Min(deadline, DateTime.UtcNow + settings.GossipTimeout);
                    try
                    {
                        var info = await Channel(seed).Gossip.ReadAsync(new Empty(), deadline: timeout, cancellationToken: cancellationToken);
                        if (NodeSelection.Choose(info.Members, settings.NodePreference) is { } chosen)
                            return (_current = chosen).Value;
                        failures.Add($"{seed}: no member in a state to serve");
                    }
                    catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        failures.Add($"{seed}: {e.StatusCode} {e.Status.Detail}");
                    }
                }
                await Task.Delay(settings.DiscoveryInterval, cancellationToken);
            }
            throw new EventStoreUnavailableException(
                $"No EventStoreDB node found through gossip from {string.Join(", ", settings.Hosts)} ({string.Join("; ", failures.TakeLast(3))}).");
        }
        finally
        {
            _discovery.Release();
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
        _discovery.Dispose();
    }
}
