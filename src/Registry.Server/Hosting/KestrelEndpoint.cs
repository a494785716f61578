using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Registry.Server.Hosting;

internal static class KestrelEndpoint
{
    /// <summary>
    /// Listens for gRPC. Cleartext is HTTP/2 only (h2c with prior knowledge: a listener that also offered
    /// HTTP/1.1 would never see HTTP/2 without TLS). With a certificate, TLS negotiates HTTP/2 by ALPN and
    /// HTTP/1.1 is still accepted, so that such a client gets a clear HTTP error rather than a failed handshake.
    /// </summary>
    public static void ListenGrpc(this KestrelServerOptions kestrel, GrpcEndpointOptions endpoint, GrpcLimitsOptions limits)
    {
        var certificate = endpoint.UsesTls ? LoadCertificate(endpoint) : null;
        kestrel.Limits.Http2.MaxStreamsPerConnection = limits.MaxConcurrentStreamsPerConnection;
        void Configure(ListenOptions listen)
        {
            if (certificate is null)
            {
                listen.Protocols = HttpProtocols.Http2;
                return;
            }
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        }

        if (string.Equals(endpoint.Address, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(endpoint.Port, Configure);
        else
            kestrel.Listen(IPAddress.Parse(endpoint.Address), endpoint.Port, Configure);
    }

    public static string Describe(GrpcEndpointOptions endpoint) => endpoint.UsesTls
        ? $"https://{endpoint.Address}:{endpoint.Port} (HTTP/2 over TLS)"
        : $"http://{endpoint.Address}:{endpoint.Port} (cleartext HTTP/2, h2c)";

    internal static X509Certificate2 LoadCertificate(GrpcEndpointOptions endpoint)
    {
        var path = endpoint.CertificatePath!;
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
            return X509Certificate2.CreateFromPemFile(path, endpoint.CertificateKeyPath);
        return X509CertificateLoader.LoadPkcs12FromFile(path, endpoint.CertificatePassword);
    }
}
