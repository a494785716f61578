using Registry.EventStore.Tests;
using Registry.EventStoreDb.Conformance;

namespace Registry.EventStoreDb.Tests;

/// <summary>A conformance node on a free port with its log in a temp folder; restartable on the same port and log.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private ConformanceOptions _options;

    private TestNode(ConformanceOptions options) => _options = options;

    public ConformanceServer Server { get; private set; } = null!;

    public int Port => Server.Port;

    public static async Task<TestNode> StartAsync(Func<ConformanceOptions, ConformanceOptions>? configure = null)
    {
        var node = new TestNode(null!);
        var options = new ConformanceOptions { DataPath = node._folder.File("events.db") };
        node._options = configure?.Invoke(options) ?? options;
        node.Server = await ConformanceServer.StartAsync(node._options);
        return node;
    }

    public string ConnectionString(string query = "") => $"esdb://127.0.0.1:{Port}?tls=false{query}";

    /// <summary>Stops the node (subscriptions dropped, log closed), as a node going down.</summary>
    public async Task StopAsync()
    {
        _options = _options with { Port = Port };
        await Server.DisposeAsync();
        Server = null!;
    }

    /// <summary>Starts it again on the same port, over the same log.</summary>
    public async Task RestartAsync() => Server = await ConformanceServer.StartAsync(_options);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>One node shared by a test class.</summary>
public sealed class TestNodeFixture : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
