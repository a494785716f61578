using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Registry.EventStore.Tests;

namespace Registry.Server.Tests.Http;

/// <summary>With a certificate the HTTP endpoint speaks TLS, and offers HTTP/2 beside HTTP/1.1 (ALPN); curl trusts only our certificate.</summary>
public sealed class HttpTlsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Curl_gets_the_api_over_tls_with_http2_and_http1()
    {
        using var certificate = SelfSigned();
        var pfx = _folder.File("http.pfx");
        var pem = _folder.File("http.pem");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "http-pfx-password"));
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
        await using var registry = await TestRegistry.StartAsync(settings: [$"--Http:Endpoint:CertificatePath={pfx}", "--Http:Endpoint:CertificatePassword=http-pfx-password"]);
        var url = new Uri(registry.HttpAddress, "/v1/programs");

        Assert.Equal("https", registry.HttpAddress.Scheme);
        var http2 = await Curl.SendAsync("GET", url, TestCredentials.Default.Key, options: ["--http2", "--cacert", pem]);
        var http1 = await Curl.SendAsync("GET", url, TestCredentials.Default.Key, options: ["--http1.1", "--cacert", pem]);

        Assert.True(http2.Status == 200 && http2.HttpVersion == "2", $"{http2} over HTTP/{http2.HttpVersion}");
        Assert.True(http1.Status == 200 && http1.HttpVersion == "1.1", $"{http1} over HTTP/{http1.HttpVersion}");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=registry-http-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose() => _folder.Dispose();
}
