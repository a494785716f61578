using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Registry.Grpc.Server.Health;

namespace Registry.Grpc.Server;

public static class GrpcServerExtensions
{
    /// <summary>Adds the gRPC server with the standard health service (grpc.health.v1).</summary>
    public static GrpcServerBuilder AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
            optionsBuilder.Configure(configure);

        var registrations = new GrpcServiceRegistrations();
        services.AddSingleton(registrations);
        services.AddSingleton<GrpcDispatcher>();
        services.AddSingleton<HealthStatuses>();
        return new GrpcServerBuilder(services, registrations)
            .AddService<HealthService>(global::Grpc.Health.V1.HealthReflection.Descriptor.Services[0]);
    }

    /// <summary>
    /// Serves every gRPC request; anything else gets an HTTP-level refusal. Service bindings are checked
    /// here, so a handler with a wrong signature stops the start rather than a call.
    /// </summary>
    public static IApplicationBuilder UseGrpc(this IApplicationBuilder app)
    {
        var dispatcher = app.ApplicationServices.GetRequiredService<GrpcDispatcher>();
        app.Run(dispatcher.HandleAsync);
        return app;
    }
}
