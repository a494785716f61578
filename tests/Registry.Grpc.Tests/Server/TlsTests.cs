using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Registry.Grpc.Server;
using Registry.Grpc.Tests.Echo;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

/// <summary>With a certificate configured, the server speaks HTTP/2 over TLS, chosen by ALPN.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _certificateFile = Path.Combine(Path.GetTempPath(), $"registry-test-{Guid.NewGuid():N}.pfx");
    private X509Certificate2 _certificate = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _certificate = SelfSigned();
        await File.WriteAllBytesAsync(_certificateFile, _certificate.Export(X509ContentType.Pfx, "test-password"));
        var endpoint = new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0, CertificatePath = _certificateFile, CertificatePassword = "test-password" };
        _app = EchoServerFixture.Build(kestrel => kestrel.ListenGrpc(endpoint));
        await _app.StartAsync();
    }

    [Fact]
    public async Task Http2_is_negotiated_over_tls_and_calls_succeed()
    {
        using var http = Client();
        using var request = Request(HttpVersion.Version20);

        using var response = await http.SendAsync(request, CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, HealthCheckResponse.Parser.ParseFrom(body.AsSpan(5)).Status);
    }

    [Fact]
    public async Task Http_1_1_over_tls_gets_426_upgrade_required()
    {
        using var http = Client();
        using var request = Request(HttpVersion.Version11);

        using var response = await http.SendAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    private HttpMessageInvoker Client() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString() },
    });

    private HttpRequestMessage Request(Version version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TestServers.AddressOf(_app), "/grpc.health.v1.Health/Check"))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpc.Frame(new HealthCheckRequest())),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        return request;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=registry-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
        File.Delete(_certificateFile);
    }
}
