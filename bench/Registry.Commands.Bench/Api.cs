using Google.Protobuf.Reflection;
using Registry.Grpc.Client;
using Registry.Interop.V1;

namespace Registry.Commands.Bench;

/// <summary>The bare echo method the commands are compared with.</summary>
internal static class Api
{
    public static readonly Method<EchoRequest, EchoReply> Echo =
        new(EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo").FindMethodByName("Unary"));
}
