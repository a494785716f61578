using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Client;
using Registry.Client.Credentials;
using Registry.EventStore.Tests;
using Registry.Testing;
using Registry.V1;

namespace Registry.Server.Tests.Auth;

/// <summary>
/// How a registry starts as far as credentials go: unconfigured on loopback it makes a development key (hash
/// kept, key in a 0600 file, reused at the next start, said in the log); unconfigured elsewhere, or
/// configured wrongly, it refuses to start and names every problem.
/// </summary>
public sealed class StartupAuthTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Unconfigured_on_loopback_it_makes_a_development_key_that_only_the_user_can_read_and_keeps_only_its_hash()
    {
        var logs = new LogCapture();
        var keyFile = Path.Combine(_folder.Path, DevelopmentKey.KeyFileName);
        var hashFile = Path.Combine(_folder.Path, DevelopmentKey.HashFileName);

        string key;
        await using (var first = await StartAsync(services => services.AddSingleton<ILoggerProvider>(logs)))
        {
            key = (await File.ReadAllTextAsync(keyFile)).Trim();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(ApiKeys.HashOf(key), (await File.ReadAllTextAsync(hashFile)).Trim());
            Assert.DoesNotContain(key, await File.ReadAllTextAsync(hashFile), StringComparison.Ordinal);
            var status = await first.Client(new Credential.ApiKey(key)).Admin.GetStatusAsync(new GetStatusRequest());
            Assert.NotNull(status.Head);
        }
        var messages = logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Generated a development API key", StringComparison.Ordinal) && m.Contains(keyFile, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Running without TLS", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(key, StringComparison.Ordinal));

        await using var second = await StartAsync();
        Assert.Equal(key, (await File.ReadAllTextAsync(keyFile)).Trim());
        var history = await second.Client(new Credential.ApiKey(key)).Queries.ListProgramsAsync(new ListProgramsRequest());
        Assert.NotNull(history);
    }

    [Fact]
    public async Task The_development_key_names_its_principal_as_the_actor()
    {
        await using var registry = await StartAsync();
        var key = Credential.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.Path, DevelopmentKey.KeyFileName)));
        var client = registry.Client(key);

        var announced = await client.Commands.AnnounceProgramAsync(Programs.Requests.Announce("kz-dev-key-test"));
        var history = new List<HistoryEntry>();
        await foreach (var entry in client.Queries.GetProgramHistory(new GetProgramHistoryRequest { ProgramId = "kz-dev-key-test" }).ReadAllAsync())
            history.Add(entry);

        Assert.Equal(0, announced.Version);
        Assert.Equal("local-developer", Assert.Single(history).Actor);
    }

    [Fact]
    public void Unconfigured_on_a_non_loopback_address_it_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RegistryHost.Build(["--Grpc:Endpoint:Address=0.0.0.0", "--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}"]));

        Assert.Contains("no authentication is configured, and 0.0.0.0 is not a loopback address", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, DevelopmentKey.KeyFileName)), "no development key may be made for a public address");
    }

    [Fact]
    public void Configured_on_a_non_loopback_address_it_builds()
    {
        using var app = RegistryHost.Build(["--Grpc:Endpoint:Address=0.0.0.0", "--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", .. TestCredentials.Settings()]);

        Assert.NotNull(app);
    }

    [Fact]
    public void Unusable_auth_settings_stop_the_start_naming_every_problem()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RegistryHost.Build([
            "--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}",
            "--Auth:Jwt:Issuer=me", "--Auth:Jwt:SigningKey=c2hvcnQ=",
            "--Auth:ApiKeys:ingest:Hash=abc", "--Auth:ApiKeys:ingest:Roles=reader,superuser",
            "--Auth:ApiKeys:empty:Hash=" + new string('a', 64),
        ]));

        Assert.Contains("Auth:Jwt:Audience is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Jwt:SigningKey must hold at least 32 bytes (it holds 5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:ingest:Hash must be the key's SHA-256 as 64 hex digits", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown role 'superuser'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:empty:Roles is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_watching_the_development_key_file_while_the_server_creates_it_never_sees_it_empty()
    {
        var keyFile = Path.Combine(_folder.Path, DevelopmentKey.KeyFileName);
        var seen = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!File.Exists(keyFile))
                    continue;
                seen.Add(await File.ReadAllTextAsync(keyFile));
                if (seen.Count >= 100)
                    return;
            }
        });

        await using (await StartAsync())
        {
            await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(5)));
        }
        await stop.CancelAsync();
        await reader;

        Assert.NotEmpty(seen);
        Assert.All(seen, text => Assert.StartsWith(ApiKeys.Prefix, text, StringComparison.Ordinal));
    }

    private async Task<Started> StartAsync(Action<IServiceCollection>? services = null)
    {
        var app = RegistryHost.Build(["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={_folder.Path}", "--Seeding:Enabled=false"], services);
        await app.StartAsync();
        return new Started(app);
    }

    public void Dispose() => _folder.Dispose();

    private sealed class Started(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        private readonly List<RegistryClient> _clients = [];

        public RegistryClient Client(Credential credential)
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var client = RegistryClient.Connect(address, new CallContext(credential, Timeout: TimeSpan.FromSeconds(30)));
            _clients.Add(client);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients)
                client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
