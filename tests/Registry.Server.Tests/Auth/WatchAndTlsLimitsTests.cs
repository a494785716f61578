using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Registry.Client;
using Registry.EventStore.Tests;
using Grpc.Core;
using Registry.Server.Auth;
using Registry.V1;

namespace Registry.Server.Tests.Auth;

/// <summary>The watch subscriber cap, the default deadline, and credentials over TLS when a certificate is configured.</summary>
public sealed class WatchAndTlsLimitsTests
{
    [Fact]
    public async Task Watchers_beyond_the_cap_are_resource_exhausted_until_one_leaves()
    {
        await using var registry = await TestRegistry.StartAsync(settings: ["--Queries:MaxWatchSubscribers=2"]);
        var announced = await registry.Client.Commands.AnnounceProgramAsync(Programs.Requests.Announce("kz-watched"), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        using var leaving = new CancellationTokenSource();
        using var first = await WatchingAsync(registry, leaving.Token);
        using var second = await WatchingAsync(registry, CancellationToken.None);

        var third = await Programs.RegistryFixture.FailsAsync(WatchingAsync(registry, CancellationToken.None));
        await leaving.CancelAsync();
        AsyncServerStreamingCall<ProgramUpdate>? fourth = null;
        await TestRegistry.UntilAsync(async () =>
        {
            try
            {
                fourth = await WatchingAsync(registry, CancellationToken.None);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        });

        Assert.Equal(0, announced.Version);
        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        Assert.Contains("at most 2", third.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(fourth);
        fourth.Dispose();
    }

    [Fact]
    public async Task The_stream_limit_per_connection_and_the_message_limits_come_from_the_settings()
    {
        await using var registry = await TestRegistry.StartAsync(settings: ["--Grpc:Limits:MaxConcurrentStreamsPerConnection=7", "--Grpc:Limits:MaxReceiveMessageSize=1000"]);
        var kestrel = registry.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        var grpc = registry.Services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;

        Assert.Equal(7, kestrel.Limits.Http2.MaxStreamsPerConnection);
        Assert.Equal(1000, grpc.MaxReceiveMessageSize);
        Assert.Equal(4 * 1024 * 1024, grpc.MaxSendMessageSize);
    }

    [Fact]
    public async Task A_query_sent_without_a_deadline_gets_the_configured_default()
    {
        await using var registry = await TestRegistry.StartAsync(settings: ["--Grpc:Limits:DefaultDeadline=00:00:00.300"]);
        var unreachable = new GetProgramRequest { ProgramId = "kz-waiting", MinPosition = new LogPosition { Commit = 1_000_000, Prepare = 1_000_000 } };

        var failure = await Programs.RegistryFixture.FailsAsync(registry.Client.Queries.GetProgramAsync(unreachable).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task With_a_certificate_credentials_travel_over_tls_and_cleartext_is_not_served()
    {
        using var folder = new TempFolder();
        using var certificate = SelfSigned();
        var pfx = Path.Combine(folder.Path, "tls.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        await using var registry = await TestRegistry.StartAsync(settings: [$"--Grpc:Endpoint:CertificatePath={pfx}", "--Grpc:Endpoint:CertificatePassword=pfx-password"]);
        Assert.Equal("https", registry.Address.Scheme);
        GrpcChannelOptions TrustingOurCertificate() => new()
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
            },
        };
        var reader = new CallContext(TestCredentials.ForRole(Roles.Reader));
        using var tls = RegistryClient.Connect(registry.Address, reader, TrustingOurCertificate());
        using var anonymous = RegistryClient.Connect(registry.Address, options: TrustingOurCertificate());
        using var cleartext = RegistryClient.Connect(new UriBuilder(registry.Address) { Scheme = "http" }.Uri, reader);

        var listed = await tls.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        var refused = await Programs.RegistryFixture.FailsAsync(anonymous.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync);
        var plain = await Programs.RegistryFixture.FailsAsync(cleartext.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync);

        Assert.NotNull(listed);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        // The server closes a cleartext connection without a frame. Which status the client makes of that is a race
        // inside SocketsHttpHandler: Unavailable when the request sees the end of the stream, Internal when the
        // connection has shut down before the request could take a stream on it. Both say the handshake never happened.
        Assert.Contains(plain.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Contains("server did not complete the HTTP/2 handshake", plain.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<AsyncServerStreamingCall<ProgramUpdate>> WatchingAsync(TestRegistry registry, CancellationToken cancellationToken)
    {
        var call = registry.Client.Queries.WatchPrograms(new WatchProgramsRequest(), new CallOptions(cancellationToken: cancellationToken));
        try
        {
            await using var updates = call.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
            if (!await updates.MoveNextAsync())
                throw new InvalidOperationException("the watch ended without the snapshot");
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=registry-auth-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
