using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Grpc.Client;
using Registry.Grpc.Protocol;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>https:// channels against a Kestrel endpoint with a self-signed certificate (the Python server is plaintext only).</summary>
public sealed class TlsChannelTests : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate = SelfSignedCertificate();
    private WebApplication? _server;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(_certificate);
        }));
        _server = builder.Build();
        _server.MapPost(EchoMethods.Unary.FullName, EchoUnaryAsync);
        await _server.StartAsync();
        _address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Calls_over_tls_when_the_validation_callback_trusts_the_certificate()
    {
        var options = new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString(),
        };
        using var channel = GrpcChannel.ForAddress(_address, options);

        var reply = await channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "hello" });

        Assert.Equal("hello via HTTP/2 https", reply.Text);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress(_address);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "hello" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    // Just enough of a gRPC server to answer one unary call and say how it arrived.
    private static async Task EchoUnaryAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = EchoRequest.Parser.ParseFrom(body.ToArray().AsSpan(MessageFrame.HeaderSize));

        context.Response.ContentType = GrpcHeaders.ContentType;
        var reply = new EchoReply { Text = $"{request.Text} via {context.Request.Protocol} {context.Request.Scheme}" };
        await context.Response.Body.WriteAsync(FakeGrpcHandler.Frame(reply));
        context.Response.AppendTrailer(GrpcHeaders.Status, "0");
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel on Linux needs the private key in a loadable (PKCS#12) form, not an ephemeral one.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
