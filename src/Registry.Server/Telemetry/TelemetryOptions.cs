namespace Registry.Server.Telemetry;

/// <summary>
/// "Telemetry": whether OpenTelemetry runs in this process, and the Prometheus scrape endpoint. Where traces,
/// metrics and logs are sent is configured by the standard OTEL_* environment variables instead.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Null (the default): OpenTelemetry runs when it has somewhere to send to (an OTLP endpoint in OTEL_EXPORTER_OTLP_*ENDPOINT,
    /// or the Prometheus scrape). True: always (an exporter added in code, e.g. tests); false: never.
    /// </summary>
    public bool? Enabled { get; set; }

    public PrometheusOptions Prometheus { get; set; } = new();

    public sealed class PrometheusOptions
    {
        /// <summary>Serve the Prometheus text format on an HTTP/1.1 listener of its own.</summary>
        public bool Enabled { get; set; }

        /// <summary>Where: loopback by default; port 0 takes a free one (tests).</summary>
        public PrometheusEndpoint Endpoint { get; set; } = new();

        public string Path { get; set; } = "/metrics";
    }

    public sealed class PrometheusEndpoint
    {
        public const int DefaultPort = 9464;

        public string Address { get; set; } = "127.0.0.1";

        public int Port { get; set; } = DefaultPort;
    }
}
