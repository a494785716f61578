using Registry.Grpc.Server;

namespace Registry.Server;

/// <summary>Builds the registry's host from configuration (appsettings.json, REGISTRY_ environment variables, command line).</summary>
public static partial class RegistryHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddEnvironmentVariables(prefix: "REGISTRY_");

        var endpoint = builder.Configuration.GetSection("Grpc:Endpoint").Get<GrpcEndpointOptions>() ?? new GrpcEndpointOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(endpoint));
        builder.Services.AddGrpcServer(options => builder.Configuration.GetSection("Grpc:Limits").Bind(options))
            .AddReflection();

        var app = builder.Build();
        app.UseGrpc();
        var listening = Describe(endpoint);
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app.Logger, listening));
        return app;
    }

    private static string Describe(GrpcEndpointOptions endpoint) => endpoint.UsesTls
        ? $"https://{endpoint.Address}:{endpoint.Port} (HTTP/2 over TLS)"
        : $"http://{endpoint.Address}:{endpoint.Port} (cleartext HTTP/2, h2c)";

    [LoggerMessage(Level = LogLevel.Information, Message = "Registry gRPC listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string endpoint);
}
