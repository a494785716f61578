using System.Collections.Concurrent;
using System.Text;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Gossip;
using Registry.Grpc;
using Registry.Grpc.Client;

namespace Registry.EventStoreDb.Connection;

/// <summary>
/// The node this client talks to: the one host named, or the member chosen from cluster gossip by node
/// preference. Follows a not-leader answer to the leader it names; forgets a node that became unreachable
/// so that the next call discovers again. One channel per node, kept for the client's life.
/// </summary>
internal sealed class NodeConnection(EventStoreDbSettings settings) : IDisposable
{
    private static readonly Method<Empty, ClusterInfo> GossipRead = new(GossipReflection.Descriptor.Services[0].FindMethodByName("Read"));

    private readonly ConcurrentDictionary<Endpoint, GrpcChannel> _channels = new();
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private Endpoint? _current;

    public EventStoreDbSettings Settings => settings;

    /// <summary>The node to call, discovering one when there is none; fails with unavailable by <paramref name="deadline"/>.</summary>
    public async Task<(GrpcChannel Channel, Endpoint Endpoint)> CurrentAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        var endpoint = _current ?? await DiscoverAsync(deadline, cancellationToken);
        return (Channel(endpoint), endpoint);
    }

    public void RedirectTo(Endpoint leader) => _current = leader;

    /// <summary>The node stopped answering: the next call looks for one again.</summary>
    public void Forget(Endpoint failed)
    {
        if (_current == failed)
            _current = null;
    }

    /// <summary>Headers every call carries: credentials, leader requirement, connection name.</summary>
    public CallOptions CallOptions(DateTime? deadline, CancellationToken cancellationToken)
    {
        var headers = new Metadata().Add(ErrorMetadata.ConnectionName, settings.ConnectionName);
        if (settings.UserName is { } user)
            headers.Add(ErrorMetadata.Authorization, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{settings.Password}")));
        if (settings.NodePreference == NodePreference.Leader)
            headers.Add(ErrorMetadata.RequiresLeader, "true");
        return new CallOptions(headers, deadline, cancellationToken);
    }

    private GrpcChannel Channel(Endpoint endpoint) => _channels.GetOrAdd(endpoint, e => ChannelFactory.Create(settings, e));

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
                        var info = await Channel(seed).Unary(GossipRead, new Empty(), CallOptions(timeout, cancellationToken)).ResponseAsync;
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
