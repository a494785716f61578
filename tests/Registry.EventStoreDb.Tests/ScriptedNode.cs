using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb.Tests;

/// <summary>A node whose Streams service a test writes: it answers as the test needs (failures, resets), on cleartext HTTP/2.</summary>
internal sealed class ScriptedNode(WebApplication app) : IAsyncDisposable
{
    public int Port => new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    public static async Task<ScriptedNode> StartAsync<TStreams>(TStreams streams)
        where TStreams : Streams.StreamsBase
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(streams);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<TStreams>();
        await app.StartAsync();
        return new ScriptedNode(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
