using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Registry.EventStoreDb.Wire.Gossip;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb.Connection;

/// <summary>The channel to one node and the generated clients on it, every call carrying <see cref="NodeHeaders"/>.</summary>
internal sealed class NodeChannel : IDisposable
{
    private readonly GrpcChannel _channel;

    public NodeChannel(EventStoreDbSettings settings, Endpoint endpoint, NodeHeaders headers)
    {
        Endpoint = endpoint;
        _channel = ChannelFactory.Create(settings, endpoint);
        var invoker = _channel.Intercept(headers);
        Streams = new Streams.StreamsClient(invoker);
        Gossip = new Gossip.GossipClient(invoker);
    }

    public Endpoint Endpoint { get; }

    public Streams.StreamsClient Streams { get; }

    public Gossip.GossipClient Gossip { get; }

    public void Dispose() => _channel.Dispose();
}
