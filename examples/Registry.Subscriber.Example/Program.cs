// Subscribes to the registry's programme updates on RabbitMQ. Settings (command line --Key=Value or
// environment SUBSCRIBER_Section__Key): RabbitMq:Host (localhost), RabbitMq:Port (5672), RabbitMq:VirtualHost (/),
// RabbitMq:Username / RabbitMq:Password (guest), Subscriber:Queue (registry-subscriber-example); and
// OTEL_EXPORTER_OTLP_ENDPOINT (none) to export the consume spans, which continue the registry's traces.
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Registry.Subscriber.Example;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "SUBSCRIBER_");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var rabbit = builder.Configuration.GetSection("RabbitMq");
var queue = builder.Configuration["Subscriber:Queue"] ?? "registry-subscriber-example";

builder.Services.AddSingleton<NewestStates>();
builder.Services.AddMassTransit(bus =>
{
    // The queue is this service's own: durable, so messages published while the service is down wait for it.
    // MassTransit binds it to the exchange named after the message type, "Registry.Contracts:ProgramStateChanged".
    // One message at a time, so that what it reports follows what it applied; the version check alone keeps
    // the newest state whatever the order.
    bus.AddConsumer<ProgramStateConsumer>().Endpoint(endpoint =>
    {
        endpoint.Name = queue;
        endpoint.ConcurrentMessageLimit = 1;
    });
    bus.UsingRabbitMq((context, transport) =>
    {
        transport.Host(rabbit["Host"] ?? "localhost", ushort.Parse(rabbit["Port"] ?? "5672", System.Globalization.CultureInfo.InvariantCulture),
            rabbit["VirtualHost"] ?? "/", host =>
            {
                host.Username(rabbit["Username"] ?? "guest");
                host.Password(rabbit["Password"] ?? "guest");
            });
        transport.ConfigureEndpoints(context);
    });
});
builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);

// Tracing: MassTransit's consume span continues the trace the registry carried in the message headers (from
// the gRPC command through the append and the publish). Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT
// is set (OTEL_SERVICE_NAME names the service); without it the spans exist only to give each line its trace id.
var tracing = builder.Services.AddOpenTelemetry().WithTracing(traces => traces.AddSource("MassTransit"));
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
    tracing.UseOtlpExporter();

var app = builder.Build();
await app.StartAsync();
Console.WriteLine($"listening on queue {queue}");
await app.WaitForShutdownAsync();
