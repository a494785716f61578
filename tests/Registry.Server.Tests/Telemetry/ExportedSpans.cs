using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Registry.Server.Tests.Telemetry;

/// <summary>What the in-memory exporter received from the registry's tracer provider, and the settings that turn telemetry on in a test host.</summary>
internal sealed class ExportedSpans : LockedCollection<Activity>
{
    public static string[] Settings => ["--Telemetry:Enabled=true"];

    public void AddTo(IServiceCollection services) => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(this));
}
