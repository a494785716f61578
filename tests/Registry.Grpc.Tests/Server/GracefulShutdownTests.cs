using System.Net;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Registry.Grpc.Tests.Echo;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

/// <summary>Stopping the server lets in-flight calls finish, tells health watchers, and refuses new work.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task An_in_flight_call_finishes_while_the_server_stops()
    {
        await using var app = EchoServerFixture.Build(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await app.StartAsync();
        using var raw = new RawGrpc(TestServers.AddressOf(app));
        var tag = Guid.NewGuid().ToString();
        var inFlight = raw.SendAsync("/registry.interop.v1.Echo/Unary", RawGrpc.Frame(new EchoRequest { Text = "finish me", DelayMs = 1500, Tag = tag }));
        await WaitUntilSeenAsync(raw, tag);

        var stopping = app.StopAsync();
        var reply = await inFlight;
        await stopping;

        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.Equal("finish me", EchoReply.Parser.ParseFrom(reply.Body.AsSpan(5)).Text);
        using var late = new RawGrpc(TestServers.AddressOf(app));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => late.SendAsync("/grpc.health.v1.Health/Check", RawGrpc.Frame(new HealthCheckRequest())));
    }

    [Fact]
    public async Task A_health_watcher_sees_not_serving_when_the_server_stops()
    {
        await using var app = EchoServerFixture.Build(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await app.StartAsync();
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TestServers.AddressOf(app), "/grpc.health.v1.Health/Watch"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpc.Frame(new HealthCheckRequest())),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        using var response = await http.SendAsync(request, CancellationToken.None);
        var body = await response.Content.ReadAsStreamAsync();
        var first = await ReadMessageAsync(body);

        await app.StopAsync();
        var second = await ReadMessageAsync(body);
        Assert.Null(await ReadMessageAsync(body));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, HealthCheckResponse.Parser.ParseFrom(first).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, HealthCheckResponse.Parser.ParseFrom(second).Status);
        Assert.Equal(((int)StatusCode.Unavailable).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    private static async Task<byte[]?> ReadMessageAsync(Stream body)
    {
        var header = new byte[5];
        if (await body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false) < 5)
            return null;
        var message = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1))];
        await body.ReadExactlyAsync(message);
        return message;
    }

    private static async Task WaitUntilSeenAsync(RawGrpc raw, string tag)
    {
        for (var i = 0; i < 500; i++)
        {
            var reply = await raw.SendAsync("/registry.interop.v1.Echo/Observe", RawGrpc.Frame(new ObserveRequest { Tag = tag }));
            if (Observation.Parser.ParseFrom(reply.Body.AsSpan(5)).Seen)
                return;
            await Task.Delay(10);
        }
        Assert.Fail("The call never reached its handler.");
    }
}
