using Microsoft.Data.Sqlite;
using Registry.Client.Audit;
using Registry.EventStore.Tests;
using Registry.EventStoreDb.Conformance;
using Registry.V1;

namespace Registry.Server.Tests.Audit;

/// <summary>
/// The tree over a log kept in EventStoreDB (the conformance node): the registry's streams in $all order are
/// the leaves, and a programme stream deleted behind the registry's back (rows removed from the node's own
/// storage while both run) is found by VerifyLog, which names its first event.
/// </summary>
public sealed class EventStoreDbAuditTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private ConformanceServer _node = null!;
    private TestRegistry _registry = null!;

    private string NodeFile => _folder.File(Path.Combine("node", "events.db"));

    public async Task InitializeAsync()
    {
        _node = await ConformanceServer.StartAsync(new ConformanceOptions { DataPath = NodeFile });
        _registry = await TestRegistry.StartAsync(settings: ["--Storage:Provider=EventStoreDb", $"--Storage:EventStoreDb:ConnectionString={_node.ConnectionString}"]);
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _node.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_registrys_streams_are_the_leaves_and_an_honest_log_verifies()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "esdb", programs: 2, claims: 3);
        var head = (await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true })).Head;
        var events = await AuditedRegistry.RegistryEventsAsync(_registry.Store);

        var verified = await _registry.Client.Audit.VerifyLogAsync(new VerifyLogRequest());

        Assert.Equal(events.Count, (int)head.TreeSize);
        Assert.Equal(events[^1].Position.Commit, head.LastPosition.Commit);
        Assert.True(verified.Ok, verified.ToString());
        var proof = await _registry.Client.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { EventId = events[3].EventId.ToString(), TreeSize = head.TreeSize });
        Assert.True(MerkleVerification.VerifyInclusion(3, (long)head.TreeSize, LeafEncoding.LeafHash(Registry.Server.Audit.AuditEvents.From(events[3])),
            proof.AuditPath.Select(p => p.ToByteArray()).ToList(), head.RootHash.ToByteArray()));
    }

    [Fact]
    public async Task A_stream_deleted_behind_the_registrys_back_is_detected()
    {
        var ids = await AuditedRegistry.WriteAsync(_registry.Client, "esdb-deleted", programs: 3, claims: 2);
        await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true });
        var events = await AuditedRegistry.RegistryEventsAsync(_registry.Store);
        var stream = $"program-{ids[1]}";
        var firstOfStream = events.FindIndex(e => e.Stream == stream);

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = NodeFile, Pooling = false }.ToString()))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM events WHERE stream = $stream";
            delete.Parameters.AddWithValue("$stream", stream);
            Assert.Equal(3, delete.ExecuteNonQuery());
        }
        var verified = await _registry.Client.Audit.VerifyLogAsync(new VerifyLogRequest());

        Assert.False(verified.Ok);
        Assert.Equal((ulong)firstOfStream, verified.FirstDifference.LeafIndex);
        Assert.Equal(events[firstOfStream].EventId.ToString(), verified.FirstDifference.EventId);
        Assert.Equal(stream, verified.FirstDifference.Stream);
        Assert.Contains("no longer holds", verified.FirstDifference.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(verified.HeadFailures);
    }
}
