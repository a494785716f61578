namespace Registry.Server.Http;

/// <summary>
/// "Http:Endpoint": where the HTTP/JSON API (JSON transcoding of the gRPC services), its OpenAPI document and
/// the console listen. A port of its own because browsers and curl do not speak cleartext HTTP/2.
/// </summary>
public sealed class HttpEndpointOptions
{
    public const int DefaultPort = 50052;

    /// <summary>An IP address or "localhost". Loopback by default, as for gRPC.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one. Left unset while Grpc:Endpoint:Port is 0, it is 0 too (tests, several instances).</summary>
    public int? Port { get; set; }

    /// <summary>A PKCS#12 (.pfx) or PEM certificate file: HTTP/1.1 and HTTP/2 over TLS. None: cleartext HTTP/1.1.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificateKeyPath { get; set; }

    /// <summary>The password of a .pfx file; through the environment, never committed.</summary>
    public string? CertificatePassword { get; set; }

    public bool UsesTls => !string.IsNullOrEmpty(CertificatePath);

    public int PortOr(int grpcPort) => Port ?? (grpcPort == 0 ? 0 : DefaultPort);
}
