using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client;
using Registry.EventStore;
using Registry.EventStore.Tests;
using Registry.EventStoreDb.Conformance;
using Registry.Server.Tests.Programs;
using Registry.V1;

namespace Registry.Server.Tests;

/// <summary>
/// Storage:Provider=EventStoreDb: the registry's log lives in an EventStoreDB node (here the conformance node),
/// the read models stay in each instance's own SQLite file.
/// </summary>
public sealed class EventStoreDbStorageTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private ConformanceServer _node = null!;

    public async Task InitializeAsync() => _node = await ConformanceServer.StartAsync(new ConformanceOptions { DataPath = _folder.File("node/events.db") });

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _folder.Dispose();

    private static WebApplication Build(string dataDirectory, params string[] storage) =>
        RegistryHost.Build(["--Grpc:Endpoint:Port=0", $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--Seeding:Enabled=false", .. storage]);

    private Task<TestRegistry> StartAsync() =>
        TestRegistry.StartAsync(settings: ["--Storage:Provider=EventStoreDb", $"--Storage:EventStoreDb:ConnectionString={_node.ConnectionString}"]);

    [Fact]
    public async Task Commands_land_in_EventStoreDB_and_a_new_instance_rebuilds_its_read_model_from_there()
    {
        var id = Requests.NewProgramId();
        await using (var first = await StartAsync())
        {
            var dataDirectory = first.Services.GetRequiredService<Storage.StorageOptions>().DataDirectory;
            await first.Client.Commands.AnnounceProgramAsync(Requests.Announce(id), RegistryFixture.AsOperator()).ResponseAsync;
            var reported = await first.Client.Commands.ReportClaimAsync(Requests.Report(id, Requests.Calibre("turret-120", "120", "Defence Blog", "B2")), RegistryFixture.AsOperator()).ResponseAsync;

            var inNode = await ToListAsync(_node.Store.ReadStreamAsync($"program-{id}", Direction.Forwards, 0, 100));
            Assert.Equal(["ProgramAnnounced.v1", "AttributeReported.v1"], inNode.Select(e => e.Type));
            Assert.Equal(reported.Position.Commit, inNode[^1].Position.Commit);
            Assert.False(File.Exists(Path.Combine(dataDirectory, "events.db")), "no embedded log is written when the log is in EventStoreDB");
            Assert.True(File.Exists(Path.Combine(dataDirectory, "read-models.db")), "the read models stay local");
        }

        await using var second = await StartAsync();
        Registry.V1.Program? program = null;
        await TestRegistry.UntilAsync(async () =>
        {
            try
            {
                program = await second.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = id }).ResponseAsync;
                return program.Version >= 1;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        });
        Assert.Equal(1, program!.Version);
        using var history = second.Client.Queries.GetProgramHistory(new GetProgramHistoryRequest { ProgramId = id });
        Assert.Equal(2, (await ToListAsync(history.ReadAllAsync())).Count);
    }

    [Theory]
    [InlineData("--Storage:Provider=Cassandra", "Storage:Provider 'Cassandra' is unknown")]
    [InlineData("--Storage:Provider=EventStoreDb", "Storage:EventStoreDb:ConnectionString is not set")]
    public void A_bad_storage_setting_stops_the_start_with_its_reason(string setting, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(_folder.File("bad"), setting));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_connection_string_stops_the_start_naming_the_problem_but_not_the_password()
    {
        var error = Assert.Throws<FormatException>(() =>
            Build(_folder.File("bad"), "--Storage:Provider=EventStoreDb", "--Storage:EventStoreDb:ConnectionString=esdb://admin:s3cret@node1:2113?nodePreference=nearest"));

        Assert.Contains("nodePreference", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}
