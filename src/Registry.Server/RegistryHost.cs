using Grpc.AspNetCore.Server;
using MassTransit;
using Registry.Server.Admin;
using Registry.Server.Audit;
using Registry.Server.Auth;
using Registry.Server.Rpc;
using Registry.Server.Health;
using Registry.Server.Hosting;
using Registry.Server.Http;
using Registry.Server.Programs;
using Registry.Server.Programs.Commands;
using Registry.Server.Programs.Queries;
using Registry.Server.Projections;
using Registry.Server.Publishing;
using Registry.Server.Seeding;
using Registry.Server.Storage;
using Registry.Server.Telemetry;

namespace Registry.Server;

/// <summary>
/// Builds the registry's host from configuration: appsettings.json beside the program, REGISTRY_ environment
/// variables, the command line. Relative paths in settings (the data directory) are taken from the working directory.
/// </summary>
public static partial class RegistryHost
{
    /// <param name="args">Command-line settings, e.g. <c>--Storage:DataDirectory=/var/lib/registry</c>.</param>
    /// <param name="services">Adds to the composition: projections, message mappers (tests, later features).</param>
    /// <param name="consumers">Consumers on the bus (in-process subscribers).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        // The settings file ships next to the program; the command may be typed anywhere.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(prefix: "REGISTRY_");
        builder.Configuration.AddCommandLine(args); // again, so that it still wins over the environment

        var endpoint = builder.Configuration.GetSection("Grpc:Endpoint").Get<GrpcEndpointOptions>() ?? new GrpcEndpointOptions();
        var limits = builder.Configuration.GetSection("Grpc:Limits").Get<GrpcLimitsOptions>() ?? new GrpcLimitsOptions();
        var http = builder.Configuration.GetSection("Http:Endpoint").Get<HttpEndpointOptions>() ?? new HttpEndpointOptions();
        var httpPort = http.PortOr(endpoint.Port);
        var httpAddress = new HttpEndpointAddress();
        builder.Services.AddSingleton(httpAddress);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC first: its address is the first the server reports (seeding and tests call it).
            kestrel.ListenGrpc(endpoint, limits);
            kestrel.ListenHttp(http, httpPort, httpAddress);
        });
        var telemetry = builder.AddRegistryTelemetry();
        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var auth = builder.Services.AddRegistryAuth(builder.Configuration, endpoint, storage.DataDirectory);
        if (auth.DevelopmentKeyFile is not null && !AuthServices.IsLoopback(http.Address))
            throw new InvalidOperationException($"Authentication settings are not usable:{Environment.NewLine} - no authentication is configured, and Http:Endpoint {http.Address} is not a loopback address: set Auth:Jwt or Auth:ApiKeys (see deploy/README.md)");

        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = limits.MaxReceiveMessageSize;
            options.MaxSendMessageSize = limits.MaxSendMessageSize;
            options.CompressionProviders = [new BoundedGzipCompressionProvider(limits.MaxReceiveMessageSize)];
            options.Interceptors.Add<ErrorMappingInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddRegistryHttp();
        builder.Services.AddRegistryHealth();
        builder.Services.AddSingleton<ProgramCommandsService>();
        builder.Services.AddSingleton<ProgramQueriesService>();
        builder.Services.AddSingleton<AdminService>();
        builder.Services.AddPrograms(builder.Configuration);

        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddBus(builder.Configuration, consumers);
        builder.Services.AddSingleton(ProjectionOptions.From(builder.Configuration));
        builder.Services.AddSingleton<ProjectionsService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ProjectionsService>());
        builder.Services.AddAudit(builder.Configuration, endpoint, storage);
        builder.Services.AddStartupSeeding(builder.Configuration);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRegistryTelemetry(telemetry);
        app.UseRouting();
        if (limits.DefaultDeadline is { } deadline)
            app.UseMiddleware<DefaultDeadlineMiddleware>(deadline);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<ProgramCommandsService>().RequireMethodRoles();
        app.MapGrpcService<ProgramQueriesService>().RequireMethodRoles();
        app.MapGrpcService<AdminService>().RequireMethodRoles();
        app.MapGrpcService<AuditService>().RequireMethodRoles();
        app.MapGrpcReflectionService().RequireMethodRoles();
        app.MapGrpcHealthChecksService().RequireMethodRoles();
        app.MapRegistryHttp();

        var listening = KestrelEndpoint.Describe(endpoint);
        var httpListening = HttpKestrel.Describe(http, httpPort);
        var data = Path.GetFullPath(app.Services.GetRequiredService<StorageOptions>().DataDirectory);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogListening(app.Logger, listening, data);
            LogHttpListening(app.Logger, httpListening);
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registry gRPC listening on {Endpoint}; data in {DataDirectory}")]
    private static partial void LogListening(ILogger logger, string endpoint, string dataDirectory);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Registry HTTP/JSON API, OpenAPI document (/openapi/v1.json) and console (/) on {Endpoint}")]
    private static partial void LogHttpListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Authentication: {Description}; every call but health needs a credential")]
    private static partial void LogAuth(ILogger logger, string description);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{What}: it is in {KeyFile} (readable by this user only; the CLI finds it there when run from this folder)")]
    private static partial void LogDevelopmentKey(ILogger logger, string what, string keyFile);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Running without TLS (no Grpc:Endpoint:CertificatePath): credentials cross the connection in clear; acceptable {Where}")]
    private static partial void LogNoTls(ILogger logger, string where);
}
