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

    /// <summary>An Echo host with the given listeners, not yet started.</summary>
    public static WebApplication Build(Action<KestrelServerOptions> listen)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        builder.Services.AddSingleton<Observations>();
        builder.Services.AddGrpcServer()
            .AddService<EchoService>(EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Echo"))
            .AddReflection();
        var app = builder.Build();
        app.UseGrpc();
        return app;
    }
}
