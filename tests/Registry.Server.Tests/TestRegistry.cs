using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.EventStore;
using Registry.EventStoreDb.Conformance;
using Registry.EventStore.Tests;
using Registry.Grpc.Client;

namespace Registry.Server.Tests;

/// <summary>
/// The real host on a free port with its data in a temp folder, and our gRPC client pointed at it. With
/// REGISTRY_TEST_STORAGE=EventStoreDb its event log is an EventStoreDB-protocol conformance node of its own
/// (scripts/test.sh runs the Programs tests that way too).
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
    private readonly ConformanceServer? _node;

    private TestRegistry(TempFolder folder, Action<IServiceCollection>? services, Action<IBusRegistrationConfigurator>? consumers, ConformanceServer? node)
    {
        _folder = folder;
        _node = node;
        string[] storage = node is null ? [] : ["--Storage:Provider=EventStoreDb", $"--Storage:EventStoreDb:ConnectionString={node.ConnectionString}"];
        _app = RegistryHost.Build(["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false", .. storage], services, consumers);
    }

    /// <summary>Whether this test run keeps the registry's log in EventStoreDB rather than SQLite.</summary>
    public static bool OnEventStoreDb => string.Equals(Environment.GetEnvironmentVariable("REGISTRY_TEST_STORAGE"), "EventStoreDb", StringComparison.OrdinalIgnoreCase);

    public static async Task<TestRegistry> StartAsync(Action<IServiceCollection>? services = null, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var folder = new TempFolder();
        ConformanceServer? node = null;
        if (OnEventStoreDb)
            node = await ConformanceServer.StartAsync(new ConformanceOptions { DataPath = folder.File(Path.Combine("eventstoredb-node", "events.db")) });
        var registry = new TestRegistry(folder, services, consumers, node);
        await registry._app.StartAsync();
        if (node is not null && registry.Store is not Registry.EventStoreDb.EventStoreDbStore)
            throw new InvalidOperationException("REGISTRY_TEST_STORAGE=EventStoreDb but the registry did not select the EventStoreDB store.");
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
        if (_node is not null)
            await _node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
