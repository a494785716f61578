#if REGISTRY_GRPC_SERVER
using Registry.Grpc.Server;
using Registry.Interop.V1;
using Google.Protobuf.Reflection;
#endif

namespace Registry.Grpc.Bench;

/// <summary>Mode "grpc": Echo hosted through Registry.Grpc's server.</summary>
internal static class GrpcMode
{
#if REGISTRY_GRPC_SERVER
    public static bool Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcServer()
            .AddService<BenchEchoService>(EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("registry.interop.v1.Echo"));
        return true;
    }

    public static void Map(WebApplication app) => app.UseGrpc();
#else
    // Built before src/Registry.Grpc/Server exists (see the csproj): the mode reports itself unavailable.
    public static bool Configure(WebApplicationBuilder builder)
    {
        _ = builder;
        return false;
    }

    public static void Map(WebApplication app) => _ = app;
#endif
}
