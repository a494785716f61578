using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Credentials;
using Registry.EventStore;
using Registry.EventStore.Tests;
using Registry.Grpc.Client;

namespace Registry.Server.Tests;

/// <summary>
/// The real host on a free port with its data in a temp folder, and our gRPC client pointed at it. The host
/// accepts <see cref="TestCredentials"/>; <see cref="Channel"/> calls with every role.
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private TestRegistry(Action<IServiceCollection>? services, Action<IBusRegistrationConfigurator>? consumers, IEnumerable<string> settings)
    {
        _app = RegistryHost.Build(
            ["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false",
             .. TestCredentials.Settings(), .. settings],
            services, consumers);
    }

    /// <param name="settings">More command-line settings, e.g. <c>--Grpc:Limits:DefaultDeadline=00:00:05</c>; later ones win.</param>
    public static async Task<TestRegistry> StartAsync(Action<IServiceCollection>? services = null, Action<IBusRegistrationConfigurator>? consumers = null,
        IEnumerable<string>? settings = null)
    {
        var registry = new TestRegistry(services, consumers, settings ?? []);
        await registry._app.StartAsync();
        registry.Address = new Uri(registry._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        registry.Channel = registry.ChannelFor(TestCredentials.Default);
        return registry;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Calls as <see cref="TestCredentials.AllRoles"/>, who holds every role.</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>A channel whose calls carry <paramref name="credential"/> (none: anonymous); disposed with the registry.</summary>
    public GrpcChannel ChannelFor(Credential? credential)
    {
        var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { Headers = credential?.ToHeaders() });
        lock (_channels)
            _channels.Add(channel);
        return channel;
    }

    public IServiceProvider Services => _app.Services;

    public IEventStore Store => _app.Services.GetRequiredService<IEventStore>();

    public Task AppendAsync(string stream, int count) => Store.AppendAsync(stream, ExpectedRevision.Any,
        Enumerable.Range(0, count).Select(_ => new EventData(Guid.NewGuid(), "Counted.v1", Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"))).ToArray());

    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
            await Task.Delay(20, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
            channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
