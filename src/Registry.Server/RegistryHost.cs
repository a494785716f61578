using MassTransit;
using Registry.Grpc.Server;
using Registry.Server.Admin;
using Registry.Server.Auth;
using Registry.Server.Programs;
using Registry.Server.Programs.Commands;
using Registry.Server.Programs.Queries;
using Registry.Server.Health;
using Registry.Server.Projections;
using Registry.Server.Publishing;
using Registry.Server.Seeding;
using Registry.Server.Storage;
using Registry.V1;

namespace Registry.Server;

/// <summary>Builds the registry's host from configuration (appsettings.json, REGISTRY_ environment variables, command line).</summary>
public static partial class RegistryHost
{
    /// <param name="args">Command-line settings, e.g. <c>--Storage:DataDirectory=/var/lib/registry</c>.</param>
    /// <param name="services">Adds to the composition: projections, message mappers (tests, later features).</param>
    /// <param name="consumers">Consumers on the bus (in-process subscribers).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddEnvironmentVariables(prefix: "REGISTRY_");

        var endpoint = builder.Configuration.GetSection("Grpc:Endpoint").Get<GrpcEndpointOptions>() ?? new GrpcEndpointOptions();
        var limits = builder.Configuration.GetSection("Grpc:Limits").Get<GrpcServerOptions>() ?? new GrpcServerOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpc(endpoint);
            kestrel.UseGrpcLimits(limits);
        });
        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var auth = builder.Services.AddRegistryAuth(builder.Configuration, endpoint, storage.DataDirectory);
        builder.Services.AddGrpcServer(options => builder.Configuration.GetSection("Grpc:Limits").Bind(options))
            .AddAuthorizer<RegistryAuthorizer>()
            .AddService<AdminService>(AdminReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Admin"))
            .AddService<ProgramCommandsService>(ProgramCommandsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ProgramCommands"))
            .AddService<ProgramQueriesService>(ProgramQueriesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ProgramQueries"))
            .AddReflection();
        builder.Services.AddPrograms(builder.Configuration);

        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddBus(builder.Configuration, consumers);
        builder.Services.AddSingleton<ProjectionsService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ProjectionsService>());
        builder.Services.AddHostedService<HealthMonitor>();
        builder.Services.AddStartupSeeding(builder.Configuration);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseGrpc();
        var listening = Describe(endpoint);
        var data = Path.GetFullPath(app.Services.GetRequiredService<StorageOptions>().DataDirectory);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogListening(app.Logger, listening, data);
            LogAuthentication(app.Logger, auth, endpoint);
        });
        return app;
    }

    private static void LogAuthentication(ILogger logger, AuthServices.Summary auth, GrpcEndpointOptions endpoint)
    {
        LogAuth(logger, auth.Description);
        if (auth.DevelopmentKeyFile is { } keyFile)
            LogDevelopmentKey(logger, auth.DevelopmentKeyCreated ? "Generated a development API key" : "Using the development API key", keyFile);
        if (!endpoint.UsesTls)
            LogNoTls(logger, AuthServices.IsLoopback(endpoint.Address) ? "on loopback only" : "on a network you trust, behind TLS elsewhere");
    }

    private static string Describe(GrpcEndpointOptions endpoint) => endpoint.UsesTls
        ? $"https://{endpoint.Address}:{endpoint.Port} (HTTP/2 over TLS)"
        : $"http://{endpoint.Address}:{endpoint.Port} (cleartext HTTP/2, h2c)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registry gRPC listening on {Endpoint}; data in {DataDirectory}")]
    private static partial void LogListening(ILogger logger, string endpoint, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Authentication: {Description}; every call but health needs a credential")]
    private static partial void LogAuth(ILogger logger, string description);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{What}: it is in {KeyFile} (readable by this user only; the CLI finds it there when run from this folder)")]
    private static partial void LogDevelopmentKey(ILogger logger, string what, string keyFile);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Running without TLS (no Grpc:Endpoint:CertificatePath): credentials cross the connection in clear; acceptable {Where}")]
    private static partial void LogNoTls(ILogger logger, string where);
}
