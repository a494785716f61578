using System.Net.Http;
using Registry.EventStoreDb.Connection;

namespace Registry.EventStoreDb.Tests;

/// <summary>What the connection string asks of the HTTP/2 connection under every channel.</summary>
public sealed class ChannelSettingsTests
{
    [Fact]
    public void Keep_alive_pings_follow_the_connection_string_while_calls_are_in_flight()
    {
        var settings = ConnectionString.Parse("esdb://127.0.0.1:2113?tls=false&keepAliveInterval=1500&keepAliveTimeout=2500");

        using var handler = ChannelFactory.Handler(settings);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), handler.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), handler.KeepAlivePingTimeout);
        // A subscription idles between events: pings must run while it is open, not only when data flows.
        Assert.Equal(HttpKeepAlivePingPolicy.WithActiveRequests, handler.KeepAlivePingPolicy);
        Assert.True(handler.EnableMultipleHttp2Connections);
    }

    [Fact]
    public void Without_tls_no_certificate_check_is_installed_and_with_tlsVerifyCert_false_every_certificate_passes()
    {
        using var cleartext = ChannelFactory.Handler(ConnectionString.Parse("esdb://127.0.0.1?tls=false"));
        using var verified = ChannelFactory.Handler(ConnectionString.Parse("esdb://127.0.0.1"));
        using var unverified = ChannelFactory.Handler(ConnectionString.Parse("esdb://127.0.0.1?tlsVerifyCert=false"));

        Assert.Null(cleartext.SslOptions.RemoteCertificateValidationCallback);
        Assert.Null(verified.SslOptions.RemoteCertificateValidationCallback);
        Assert.True(unverified.SslOptions.RemoteCertificateValidationCallback!(this, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
    }
}
