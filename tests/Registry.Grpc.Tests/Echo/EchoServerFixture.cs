using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Grpc.Server;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Echo;

/// <summary>
/// The Echo service hosted by Registry.Grpc on a free cleartext HTTP/2 port of 127.0.0.1, with health and
/// reflection, exactly as a third-party client would meet it.
/// </summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary><c>127.0.0.1:port</c>, the target form the third-party clients take.</summary>
    public string Target => $"{Address.Host}:{Address.Port}";

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _app = Build(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    public static Google.Protobuf.Reflection.ServiceDescriptor EchoDescriptor =>
        EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Echo");

    /// <summary>An Echo host with the given listeners, not yet started; <paramref name="grpc"/> adds to the gRPC server (an authorizer).</summary>
    public static WebApplication Build(Action<KestrelServerOptions> listen, Action<GrpcServerOptions>? options = null,
        Action<GrpcServerBuilder>? grpc = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(listen);
        builder.Services.AddSingleton<Observations>();
        var server = builder.Services.AddGrpcServer(options)
            .AddService<EchoService>(EchoDescriptor)
            .AddReflection();
        grpc?.Invoke(server);
        var app = builder.Build();
        app.UseGrpc();
        return app;
    }
}
