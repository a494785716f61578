using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Registry.EventStoreDb.Conformance;

/// <summary>Where the node listens for gRPC, and with which certificate when it speaks TLS.</summary>
internal static class ConformanceEndpoint
{
    /// <summary>
    /// Cleartext is HTTP/2 only (h2c by prior knowledge: a listener that also offered HTTP/1.1 would never see
    /// HTTP/2 without TLS). With a certificate, TLS negotiates HTTP/2 by ALPN and HTTP/1.1 is still accepted, so
    /// that such a client gets a clear refusal from gRPC rather than a failed handshake.
    /// </summary>
    public static void Listen(KestrelServerOptions kestrel, ConformanceOptions options)
    {
        var certificate = options.CertificatePath is { Length: > 0 } path
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword)
            : null;
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

        if (string.Equals(options.Address, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(options.Port, Configure);
        else
            kestrel.Listen(IPAddress.Parse(options.Address), options.Port, Configure);
    }
}
