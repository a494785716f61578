using Grpc.Core;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.ServerFeatures;

namespace Registry.EventStoreDb.Conformance;

/// <summary>Tells clients which methods this node implements; they fall back to older ones for the rest.</summary>
public sealed class ServerFeaturesService(NodeGate gate) : ServerFeatures.ServerFeaturesBase
{
    private const string Streams = "event_store.client.streams.streams";

    public override Task<SupportedMethods> GetSupportedMethods(Empty request, ServerCallContext context)
    {
        var methods = new SupportedMethods { EventStoreServerVersion = gate.Options.ServerVersion };
        methods.Methods.Add(new SupportedMethod { ServiceName = Streams, MethodName = "read" });
        methods.Methods.Add(new SupportedMethod { ServiceName = Streams, MethodName = "append" });
        methods.Methods.Add(new SupportedMethod { ServiceName = Streams, MethodName = "batchappend" });
        methods.Methods.Add(new SupportedMethod { ServiceName = "event_store.client.gossip.gossip", MethodName = "read" });
        methods.Methods.Add(new SupportedMethod { ServiceName = "event_store.client.server_features.serverfeatures", MethodName = "getsupportedmethods" });
        return Task.FromResult(methods);
    }
}
