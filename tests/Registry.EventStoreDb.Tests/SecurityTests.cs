using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Registry.EventStore;
using Registry.EventStore.Tests;

namespace Registry.EventStoreDb.Tests;

/// <summary>Basic credentials and TLS, against nodes that require them.</summary>
public sealed class SecurityTests
{
    private static Task<AppendResult> AppendOneAsync(EventStoreDbStore store) =>
        store.AppendAsync($"secured-{Guid.NewGuid():N}", ExpectedRevision.Any, Subscriptions.Events(1));

    [Fact]
    public async Task A_node_with_users_serves_the_right_credentials_and_denies_the_others()
    {
        await using var node = await TestNode.StartAsync(o => o with { Users = new Dictionary<string, string> { ["admin"] = "changeit" } });
        await using var good = EventStoreDbStore.Connect($"esdb://admin:changeit@127.0.0.1:{node.Port}?tls=false");
        await using var wrong = EventStoreDbStore.Connect($"esdb://admin:guess@127.0.0.1:{node.Port}?tls=false");
        await using var anonymous = EventStoreDbStore.Connect(node.ConnectionString());

        await AppendOneAsync(good);
        var badPassword = await Assert.ThrowsAsync<AccessDeniedException>(() => AppendOneAsync(wrong));
        var none = await Assert.ThrowsAsync<AccessDeniedException>(() => AppendOneAsync(anonymous));

        Assert.Contains("Unauthenticated", badPassword.Message, StringComparison.Ordinal);
        Assert.Contains("denied access", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_travel_over_tls_as_over_cleartext()
    {
        using var folder = new TempFolder();
        using var certificate = SelfSigned();
        var pfx = folder.File("node.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test"));
        await using var node = await TestNode.StartAsync(o => o with
        {
            CertificatePath = pfx,
            CertificatePassword = "test",
            Users = new Dictionary<string, string> { ["admin"] = "changeit" },
        });
        await using var good = EventStoreDbStore.Connect($"esdb://admin:changeit@127.0.0.1:{node.Port}?tlsVerifyCert=false");
        await using var wrong = EventStoreDbStore.Connect($"esdb://admin:guess@127.0.0.1:{node.Port}?tlsVerifyCert=false");

        await AppendOneAsync(good);
        var badPassword = await Assert.ThrowsAsync<AccessDeniedException>(() => AppendOneAsync(wrong));

        Assert.Contains("Unauthenticated", badPassword.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_is_verified_against_the_system_store_a_given_authority_or_not_at_all_when_asked()
    {
        using var folder = new TempFolder();
        using var certificate = SelfSigned();
        var pfx = folder.File("node.pfx");
        var ca = folder.File("ca.crt");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test"));
        await File.WriteAllTextAsync(ca, certificate.ExportCertificatePem());
        await using var node = await TestNode.StartAsync(o => o with { CertificatePath = pfx, CertificatePassword = "test" });
        await using var unverified = EventStoreDbStore.Connect($"esdb://127.0.0.1:{node.Port}?tls=true&tlsVerifyCert=false");
        await using var withAuthority = EventStoreDbStore.Connect($"esdb://127.0.0.1:{node.Port}?tlsCaFile={Uri.EscapeDataString(ca)}");
        await using var verified = EventStoreDbStore.Connect($"esdb://127.0.0.1:{node.Port}?defaultDeadline=2000");

        await AppendOneAsync(unverified);
        await AppendOneAsync(withAuthority);
        var untrusted = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => AppendOneAsync(verified));

        Assert.Contains("SSL", untrusted.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=registry-test-node", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
