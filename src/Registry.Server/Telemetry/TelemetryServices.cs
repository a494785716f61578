using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Registry.Client;
using Registry.Projections.Telemetry;

namespace Registry.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the host, configured the standard way: OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_*
/// variables) send traces, metrics and logs over OTLP; "Telemetry:Prometheus" serves a scrape endpoint. With
/// neither, nothing is registered: no listener, no exporter, the instruments cost a flag check.
/// </summary>
internal static class TelemetryServices
{
    private const string ScrapeListenerItem = "registry.prometheus-listener";

    private static readonly string[] OtlpEndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>What was registered: OpenTelemetry at all, and the scrape endpoint.</summary>
    public sealed record Setup(bool Running, bool Scrape, string ScrapePath);

    /// <summary>Registers OpenTelemetry when configured; call after the gRPC listener is configured (the scrape listener comes second).</summary>
    public static Setup AddRegistryTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        builder.UseConfiguredConsoleFormatter();
        var otlp = OtlpEndpointVariables.Any(name => !string.IsNullOrWhiteSpace(builder.Configuration[name] ?? Environment.GetEnvironmentVariable(name)));
        var prometheus = options.Prometheus.Enabled;
        if (!(options.Enabled ?? (otlp || prometheus)))
            return new Setup(Running: false, Scrape: false, options.Prometheus.Path);

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME");
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win; "registry" only names an unnamed service.
                if (string.IsNullOrWhiteSpace(serviceName))
                    resource.AddService("registry", serviceInstanceId: Environment.MachineName);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RegistryTelemetry.Name, "MassTransit")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (prometheus)
                    metrics.AddPrometheusExporter(scrape => scrape.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        builder.Services.AddSingleton<FollowerLagGauge>();
        // Traces and log records only where they go somewhere: a scrape alone takes metrics, and spans made
        // for nobody would cost every command.
        if (otlp || options.Enabled == true)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(RegistryTelemetry.Name, "MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddRegistryClientInstrumentation());
            // Log records carry the trace and span ids of the activity they were written in.
            telemetry.WithLogging(configureBuilder: null, configureOptions: logs =>
            {
                logs.IncludeFormattedMessage = true;
                logs.IncludeScopes = true;
            });
        }
        if (otlp)
            telemetry.UseOtlpExporter();
        if (prometheus)
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenScrape(options.Prometheus.Endpoint));
        return new Setup(Running: true, prometheus, options.Prometheus.Path);
    }

    /// <summary>Starts the follower lag gauge and answers scrapes on the scrape listener (nothing else is served there).</summary>
    public static void UseRegistryTelemetry(this WebApplication app, Setup setup)
    {
        if (setup.Running)
            app.Services.GetRequiredService<FollowerLagGauge>();
        if (!setup.Scrape)
            return;
        var path = setup.ScrapePath;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: context => OnScrapeListener(context) && context.Request.Path == path,
            path: null, configureBranchedPipeline: null, optionsName: null);
        app.Use((context, next) =>
        {
            if (!OnScrapeListener(context))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    private static bool OnScrapeListener(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ScrapeListenerItem) == true;

    /// <summary>
    /// Prometheus speaks HTTP/1.1, the gRPC listener cleartext HTTP/2 only: the scrape has a listener of its own,
    /// whose connections are marked so that only the scrape answers there.
    /// </summary>
    private static void ListenScrape(this KestrelServerOptions kestrel, TelemetryOptions.PrometheusEndpoint endpoint)
    {
        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => connection =>
            {
                connection.Items[ScrapeListenerItem] = true;
                return next(connection);
            });
        }

        if (string.Equals(endpoint.Address, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(endpoint.Port, Configure);
        else
            kestrel.Listen(IPAddress.Parse(endpoint.Address), endpoint.Port, Configure);
    }
}
