using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Registry.EventStore;
using Registry.EventStore.Sqlite;

namespace Registry.EventStoreDb.Conformance;

/// <summary>A running conformance node: Kestrel serving the EventStoreDB protocol over one SQLite log.</summary>
public sealed class ConformanceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IEventStore _store;
    private readonly NodeGate _gate;
    private readonly bool _ownsStore;

    private ConformanceServer(WebApplication app, IEventStore store, NodeGate gate, bool ownsStore)
    {
        _app = app;
        _store = store;
        _gate = gate;
        _ownsStore = ownsStore;
    }

    public static Task<ConformanceServer> StartAsync(ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = options.DataPath });
        return StartAsync(options, store, new NodeGate(options), ownsStore: true);
    }

    /// <summary>A member of an in-process cluster: its log is the cluster's, shared with the others and kept when it stops.</summary>
    internal static Task<ConformanceServer> StartMemberAsync(ConformanceOptions options, IEventStore sharedLog, ClusterState cluster, int node) =>
        StartAsync(options, sharedLog, new NodeGate(options) { Cluster = (cluster, node) }, ownsStore: false);

    private static async Task<ConformanceServer> StartAsync(ConformanceOptions options, IEventStore store, NodeGate gate, bool ownsStore)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => ConformanceEndpoint.Listen(kestrel, options));
        builder.Services.AddSingleton<IEventStore>(store);
        builder.Services.AddSingleton(gate);
        // One gossip service for the node's life: it keeps the node's instance id.
        builder.Services.AddSingleton<GossipService>();
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<StreamsService>();
        app.MapGrpcService<ServerFeaturesService>();
        app.MapGrpcService<GossipService>();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (ownsStore)
                await store.DisposeAsync();
            throw;
        }
        return new ConformanceServer(app, store, gate, ownsStore);
    }

    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    /// <summary>The node's own log, for tests that check what the clients wrote.</summary>
    public IEventStore Store => _store;

    /// <summary>Calls of the Streams methods admitted so far.</summary>
    public CallCounts Calls => _gate.Calls;

    /// <summary>A connection string the official clients and Registry.EventStoreDb understand (cleartext).</summary>
    public string ConnectionString => $"esdb://127.0.0.1:{Port}?tls=false";

    /// <summary>Ends every running subscription with UNAVAILABLE, as a node that lost them would.</summary>
    public void DropSubscriptions() => _gate.DropSubscriptions();

    /// <summary>Stops like a node going down: subscriptions dropped, calls in flight given a moment, the log closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _gate.DropSubscriptions();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        if (_ownsStore)
            await _store.DisposeAsync();
        _gate.Dispose();
    }
}
