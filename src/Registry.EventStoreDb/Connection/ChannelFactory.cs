using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Registry.Grpc.Client;

namespace Registry.EventStoreDb.Connection;

/// <summary>A gRPC channel to one node, with the connection string's TLS and keep-alive settings.</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(EventStoreDbSettings settings, Endpoint endpoint) =>
        GrpcChannel.ForAddress(endpoint.ToUri(settings.Tls), new GrpcChannelOptions
        {
            ServerCertificateValidation = Validation(settings),
            KeepAlivePingDelay = settings.KeepAliveInterval,
            KeepAlivePingTimeout = settings.KeepAliveTimeout,
        });

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
