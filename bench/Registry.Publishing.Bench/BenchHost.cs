using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Credentials;
using Registry.Client;
using Registry.Projections.Publishing;
using Registry.Server;

namespace Registry.Publishing.Bench;

/// <summary>The registry's real host in this process (free port, given data folder), its sink optionally timed.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchHost(WebApplication app, RegistryClient client)
    {
        _app = app;
        Client = client;
    }

    public RegistryClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchHost> StartAsync(string dataDirectory, string[] settings, ConfirmClock.Holder? clock = null)
    {
        var app = RegistryHost.Build(
            ["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false", .. settings],
            services =>
            {
                if (clock is not null)
                    WrapSink(services, inner => clock.Clock = new ConfirmClock(inner));
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // No Auth settings on loopback: the host made its development key in the data folder; call with it.
        var key = Credential.Parse(await File.ReadAllTextAsync(Path.Combine(dataDirectory, DevelopmentKey.KeyFileName)));
        return new BenchHost(app, RegistryClient.Connect(new Uri(address), new CallContext(key)));
    }

    /// <summary>Replaces the registered sink by a wrapper around it (the registry's own sink is internal to it).</summary>
    private static void WrapSink(IServiceCollection services, Func<IMessageSink, IMessageSink> wrap)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IMessageSink));
        services.Remove(registered);
        services.AddSingleton(provider => wrap((IMessageSink)registered.ImplementationFactory!(provider)));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
