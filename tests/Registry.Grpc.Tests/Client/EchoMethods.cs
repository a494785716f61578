using Google.Protobuf.Reflection;
using Registry.Grpc.Client;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>The Echo service's methods, built from the generated descriptor as production code would.</summary>
internal static class EchoMethods
{
    public static readonly ServiceDescriptor Service = EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo");

    public static readonly Method<EchoRequest, EchoReply> Unary = new(Service.FindMethodByName("Unary"));
    public static readonly Method<EchoRequest, EchoReply> ServerStream = new(Service.FindMethodByName("ServerStream"));
    public static readonly Method<EchoRequest, EchoReply> ClientStream = new(Service.FindMethodByName("ClientStream"));
    public static readonly Method<EchoRequest, EchoReply> Duplex = new(Service.FindMethodByName("Duplex"));
    public static readonly Method<ObserveRequest, Observation> Observe = new(Service.FindMethodByName("Observe"));
}
