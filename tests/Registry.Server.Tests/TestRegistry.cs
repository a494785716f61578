using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Credentials;
using Registry.EventStore;
using Registry.EventStoreDb.Conformance;
using Registry.EventStore.Tests;
using Registry.Client;

namespace Registry.Server.Tests;

/// <summary>
/// The real host on a free port with its data in a temp folder, and the registry's .NET client pointed at it.
/// The host accepts <see cref="TestCredentials"/>; <see cref="Client"/> calls with every role. With
/// REGISTRY_TEST_STORAGE=EventStoreDb its event log is an EventStoreDB-protocol conformance node of its own
/// (scripts/test.sh runs the Programs tests that way too).
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
    private readonly List<RegistryClient> _clients = [];
    private readonly ConformanceServer? _node;

    private TestRegistry(TempFolder folder, Action<IServiceCollection>? services, Action<IBusRegistrationConfigurator>? consumers,
        IEnumerable<string> settings, ConformanceServer? node)
    {
        _folder = folder;
        _node = node;
        string[] storage = node is null ? [] : ["--Storage:Provider=EventStoreDb", $"--Storage:EventStoreDb:ConnectionString={node.ConnectionString}"];
        _app = RegistryHost.Build(
            ["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false",
             .. TestCredentials.Settings(), .. storage, .. settings],
            services, consumers);
    }

    /// <summary>Whether this test run keeps the registry's log in EventStoreDB rather than SQLite.</summary>
    public static bool OnEventStoreDb => string.Equals(Environment.GetEnvironmentVariable("REGISTRY_TEST_STORAGE"), "EventStoreDb", StringComparison.OrdinalIgnoreCase);

    /// <param name="settings">More command-line settings, e.g. <c>--Grpc:Limits:DefaultDeadline=00:00:05</c>; later ones win.</param>
    public static async Task<TestRegistry> StartAsync(Action<IServiceCollection>? services = null, Action<IBusRegistrationConfigurator>? consumers = null,
        IEnumerable<string>? settings = null)
    {
        var folder = new TempFolder();
        ConformanceServer? node = null;
        if (OnEventStoreDb)
            node = await ConformanceServer.StartAsync(new ConformanceOptions { DataPath = folder.File(Path.Combine("eventstoredb-node", "events.db")) });
        var registry = new TestRegistry(folder, services, consumers, settings ?? [], node);
        await registry._app.StartAsync();
        if (node is not null && registry.Store is not Registry.EventStore.SharedReader.SharedLogStore { Wrapped: Registry.EventStoreDb.EventStoreDbStore })
            throw new InvalidOperationException("REGISTRY_TEST_STORAGE=EventStoreDb but the registry did not select the EventStoreDB store.");
        // The gRPC listener is configured first; others (the Prometheus scrape) follow it.
        registry.Address = registry.Addresses[0];
        registry.Client = registry.ClientFor(TestCredentials.Default);
        return registry;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The HTTP/JSON API and console (Http:Endpoint, on a free port of its own).</summary>
    public Uri HttpAddress => _app.Services.GetRequiredService<Registry.Server.Http.HttpEndpointAddress>().Uri;

    /// <summary>Every listener's address, in the order they were configured (gRPC first).</summary>
    public IReadOnlyList<Uri> Addresses => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();

    /// <summary>Calls as <see cref="TestCredentials.AllRoles"/>, who holds every role.</summary>
    public RegistryClient Client { get; private set; } = null!;

    /// <summary>A client whose calls carry <paramref name="credential"/> (none: anonymous); disposed with the registry.</summary>
    public RegistryClient ClientFor(Credential? credential)
    {
        var client = RegistryClient.Connect(Address, new CallContext(credential));
        lock (_clients)
            _clients.Add(client);
        return client;
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
        foreach (var client in _clients)
            client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_node is not null)
            await _node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
