using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Registry.EventStoreDb.Connection;

/// <summary>A gRPC channel to one node, with the connection string's TLS and keep-alive settings.</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(EventStoreDbSettings settings, Endpoint endpoint) =>
        GrpcChannel.ForAddress(endpoint.ToUri(settings.Tls), new GrpcChannelOptions
        {
            HttpHandler = Handler(settings),
            DisposeHttpClient = true,
        });

    /// <summary>
    /// Keep-alive pings while calls are in flight (a subscription idles for long stretches: a dead node must
    /// not look like a quiet one), several HTTP/2 connections when one is full, and the TLS check asked for.
    /// </summary>
    internal static SocketsHttpHandler Handler(EventStoreDbSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = settings.KeepAliveInterval,
            KeepAlivePingTimeout = settings.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        if (Validation(settings) is { } validate)
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        return handler;
    }

    private static RemoteCertificateValidationCallback? Validation(EventStoreDbSettings settings)
    {
        if (!settings.Tls)
            return null;
        if (!settings.TlsVerifyCert)
        {
            // tlsVerifyCert=false is the user's explicit choice (test clusters with self-signed certificates).
#pragma warning disable CA5359
            return static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        if (settings.TlsCaFile is not { } caFile)
            return null;
        // Trust exactly the cluster's own certificate authority, as the nodes' certificates are usually signed by it.
        var authority = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
