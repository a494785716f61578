using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.EventStore;
using Registry.EventStore.Tests;
using Registry.Grpc.Client;

namespace Registry.Server.Tests;

/// <summary>The real host on a free port with its data in a temp folder, and our gRPC client pointed at it.</summary>
public sealed class TestRegistry : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    private TestRegistry(Action<IServiceCollection>? services, Action<IBusRegistrationConfigurator>? consumers, string[] settings)
    {
        _app = RegistryHost.Build(["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false", .. settings], services, consumers);
    }

    /// <param name="settings">More command-line settings, e.g. the bus's (<c>--Bus:Transport=RabbitMq</c>).</param>
    public static async Task<TestRegistry> StartAsync(Action<IServiceCollection>? services = null, Action<IBusRegistrationConfigurator>? consumers = null, string[]? settings = null)
    {
        var registry = new TestRegistry(services, consumers, settings ?? []);
        await registry._app.StartAsync();
        var address = registry._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        registry.Channel = GrpcChannel.ForAddress(new Uri(address));
        return registry;
    }

    public GrpcChannel Channel { get; private set; } = null!;

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
        Channel?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
