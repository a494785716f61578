namespace Registry.Server.Hosting;

/// <summary>"Grpc:Endpoint": where the gRPC server listens, and with which certificate when it speaks TLS.</summary>
public sealed class GrpcEndpointOptions
{
    public const int DefaultPort = 50051;

    /// <summary>An IP address or "localhost". Loopback by default: exposing the server is a decision.</summary>
    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = DefaultPort;

    /// <summary>A PKCS#12 (.pfx) or PEM certificate file. None: cleartext HTTP/2 (h2c).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key file, when the certificate is PEM and its key is a separate file.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The password of a .pfx file; supplied through the environment, never committed.</summary>
    public string? CertificatePassword { get; set; }

    public bool UsesTls => !string.IsNullOrEmpty(CertificatePath);
}
