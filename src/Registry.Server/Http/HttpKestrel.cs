using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Registry.Server.Hosting;

namespace Registry.Server.Http;

internal static class HttpKestrel
{
    /// <summary>
    /// The HTTP endpoint: cleartext HTTP/1.1 (what browsers and curl speak without TLS), or HTTP/1.1 and HTTP/2
    /// negotiated by ALPN over TLS.
    /// </summary>
    public static void ListenHttp(this KestrelServerOptions kestrel, HttpEndpointOptions endpoint, int port, HttpEndpointAddress address)
    {
        var certificate = endpoint.UsesTls
            ? KestrelEndpoint.LoadCertificate(new GrpcEndpointOptions
            {
                CertificatePath = endpoint.CertificatePath,
                CertificateKeyPath = endpoint.CertificateKeyPath,
                CertificatePassword = endpoint.CertificatePassword,
            })
            : null;
        void Configure(ListenOptions listen)
        {
            address.Listen = listen;
            address.Tls = certificate is not null;
            listen.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
            if (certificate is not null)
                listen.UseHttps(certificate);
        }

        if (string.Equals(endpoint.Address, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(port, Configure);
        else
            kestrel.Listen(IPAddress.Parse(endpoint.Address), port, Configure);
    }

    public static string Describe(HttpEndpointOptions endpoint, int port) => endpoint.UsesTls
        ? $"https://{endpoint.Address}:{port} (HTTP/1.1 and HTTP/2 over TLS)"
        : $"http://{endpoint.Address}:{port} (HTTP/1.1)";
}
