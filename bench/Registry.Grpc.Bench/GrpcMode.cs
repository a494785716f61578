using Registry.Grpc.Server;
using Registry.Interop.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Registry.Grpc.Bench;

/// <summary>Mode "grpc": Echo hosted through Registry.Grpc's server.</summary>
internal static class GrpcMode
{
    public static void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddGrpcServer()
            // FindTypeByName prefixes the file's package itself: "Echo" finds registry.interop.v1.Echo.
            .AddService<BenchEchoService>(EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo"));

    public static void Map(WebApplication app) => app.UseGrpc();
}
