using Registry.EventStoreDb.Wire.Streams;
using Registry.Grpc.Client;

namespace Registry.EventStoreDb;

/// <summary>The Streams methods this client calls, bound from the descriptor of protos/eventstoredb/streams.proto.</summary>
internal static class StreamsMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = StreamsReflection.Descriptor.Services[0];

    public static readonly Method<ReadReq, ReadResp> Read = new(Service.FindMethodByName("Read"));

    public static readonly Method<AppendReq, AppendResp> Append = new(Service.FindMethodByName("Append"));
}
