using OpenTelemetry.Trace;

namespace Registry.Client;

/// <summary>
/// Opt-in tracing of the client's calls: an application that runs OpenTelemetry adds this to its tracer
/// provider and gets a client span per gRPC call, with the context sent along (W3C traceparent). Nothing runs
/// unless a tracer provider asks for it: the CLI starts no exporter.
/// </summary>
public static class RegistryClientTelemetry
{
    public static TracerProviderBuilder AddRegistryClientInstrumentation(this TracerProviderBuilder tracing) =>
        tracing.AddGrpcClientInstrumentation();
}
