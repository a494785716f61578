using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client;
using Registry.Client.Credentials;
using Registry.Client.Seeding;
using Registry.EventStore.Tests;
using Registry.Server;

namespace Registry.Cli.Tests;

/// <summary>
/// The real host on a free port with its data in a temp folder; start-up seeding off, so tests load the seed
/// themselves. No Auth is configured: the host makes its development key, and the clients here use it.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    private TestServer() =>
        _app = RegistryHost.Build(["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false"]);

    public Uri Address { get; private set; } = null!;

    public static string SeedFile => SeedFileLocator.FindUpwards(AppContext.BaseDirectory) ?? throw new FileNotFoundException(SeedFileLocator.RelativePath);

    public static async Task<TestServer> StartAsync()
    {
        var server = new TestServer();
        await server._app.StartAsync();
        server.Address = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>The development key file the server wrote (every role).</summary>
    public string KeyFile => Path.Combine(_folder.Path, DevelopmentKey.KeyFileName);

    public RegistryClient Connect() => RegistryClient.Connect(Address, new CallContext(Credential.Parse(File.ReadAllText(KeyFile))));

    /// <summary>Runs the CLI's command tree in-process against this server.</summary>
    public async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--address", Address.ToString(), "--credentials-file", KeyFile], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

/// <summary>One server loaded with the seed file, shared by the tests of a class.</summary>
public sealed class SeededServer : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;
    public SeedLoadResult FirstLoad { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        using var client = Server.Connect();
        FirstLoad = await new SeedLoader(client.Commands).LoadAsync(TestServer.SeedFile);
        // The tests' queries give no position: the read model is to hold the whole seed before they run (under
        // load it gathers events for a while before committing them).
        var head = (await client.Admin.GetStatusAsync(new Registry.V1.GetStatusRequest())).Head;
        await client.Queries.ListProgramsAsync(new Registry.V1.ListProgramsRequest { MinPosition = head });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
