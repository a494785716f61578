using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Registry.Grpc.Server;
using Registry.Grpc.Tests.Echo;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

/// <summary>
/// Limits against abuse: a default deadline for unary calls that send none (streams keep theirs), and the
/// number of concurrent streams per connection, announced to every client in the server's HTTP/2 SETTINGS.
/// </summary>
public sealed class LimitsTests : IAsyncLifetime, IDisposable
{
    private const int MaxStreams = 7;
    private WebApplication _app = null!;
    private RawGrpc _raw = null!;

    public async Task InitializeAsync()
    {
        var limits = new GrpcServerOptions { DefaultDeadline = TimeSpan.FromMilliseconds(300), MaxConcurrentStreamsPerConnection = MaxStreams };
        _app = EchoServerFixture.Build(kestrel =>
            {
                kestrel.ListenGrpc(new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0 });
                kestrel.UseGrpcLimits(limits);
            },
            options =>
            {
                options.DefaultDeadline = limits.DefaultDeadline;
                options.MaxConcurrentStreamsPerConnection = limits.MaxConcurrentStreamsPerConnection;
            });
        await _app.StartAsync();
        _raw = new RawGrpc(TestServers.AddressOf(_app));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _raw.Dispose();

    [Fact]
    public async Task A_unary_call_without_grpc_timeout_ends_at_the_default_deadline()
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Unary", RawGrpc.Frame(new EchoRequest { Text = "slow", DelayMs = 30_000 }));

        Assert.Equal(StatusCode.DeadlineExceeded, reply.Status);
    }

    [Fact]
    public async Task A_client_deadline_longer_than_the_default_is_kept()
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Unary", RawGrpc.Frame(new EchoRequest { Text = "slow", DelayMs = 600 }),
            configure: r => r.Headers.Add("grpc-timeout", "20S"));

        Assert.Equal(StatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task A_stream_without_grpc_timeout_is_not_cut_by_the_unary_default()
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/ServerStream", RawGrpc.Frame(new EchoRequest { Text = "tick", Count = 3, DelayMs = 250 }));

        Assert.Equal(StatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task The_server_announces_its_concurrent_stream_limit_in_its_settings()
    {
        var address = TestServers.AddressOf(_app);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        await stream.WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }); // an empty SETTINGS frame

        var header = new byte[9];
        await stream.ReadExactlyAsync(header);
        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        Assert.Equal(4, header[3]); // the server's first frame is its SETTINGS
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload);

        var settings = Enumerable.Range(0, length / 6).ToDictionary(
            i => BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(i * 6)),
            i => BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(i * 6 + 2)));
        const ushort SettingsMaxConcurrentStreams = 3;
        Assert.Equal((uint)MaxStreams, settings[SettingsMaxConcurrentStreams]);
    }
}
