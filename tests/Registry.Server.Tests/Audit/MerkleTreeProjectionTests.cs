using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests;
using Registry.Projections;
using Registry.Server.Audit;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Tests.Audit;

/// <summary>
/// The audit tree indexes its leaves by event id in blocks: every leaf is found by its event id, whether its
/// block is indexed yet or not, and the tree is the one the log's leaves make.
/// </summary>
public sealed class MerkleTreeProjectionTests : IDisposable
{
    private static readonly Provenance Source = new("Defence Daily", "https://example.org/a", "Plant news", PartialDate.OfMonth(2024, 5), "en",
        SourceType.News, 'B', 2, "The turret carries a 120 mm gun.");

    private readonly TempFolder _folder = new();
    private int _appended;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_leaf_is_found_by_its_event_id_in_indexed_blocks_and_in_the_leaves_after_them()
    {
        await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("events.db") });
        using var database = new ReadModelDatabase(_folder.File("read-models.db"));
        // Two programmes of 12 and 11 events, applied in batches of any size: blocks of 4 index the first 20 leaves.
        // Leaves 5 and 9 (indexed) and 21 and 22 (not yet) have event ids that share their first 8 bytes.
        await AppendAsync(store, "tree-a", 12);
        await ProjectedOnce.UntilLiveAsync(store, database, new MerkleTreeProjection(indexBlock: 4));
        await AppendAsync(store, "tree-b", 11);
        await ProjectedOnce.UntilLiveAsync(store, database, new MerkleTreeProjection(indexBlock: 4));

        var log = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
            log.Add(recorded);
        Assert.Equal(23, log.Count);
        Assert.Equal(20L, Scalar(database, $"SELECT next_leaf FROM {MerkleTreeProjection.IndexedView}"));
        Assert.Equal(20L, Scalar(database, $"SELECT count(*) FROM {MerkleTreeProjection.EventKeysView}"));

        using var tree = new TreeSnapshot(database);
        var expected = new CompactRange();
        for (var i = 0; i < log.Count; i++)
        {
            var hash = Client.Audit.LeafEncoding.LeafHash(AuditEvents.From(log[i]));
            var leaf = tree.FindLeaf(log[i].EventId);
            Assert.True(leaf is not null, $"Leaf {i} was not found by its event id.");
            Assert.Equal(i, leaf.Index);
            Assert.Equal(hash, leaf.Hash);
            expected.Append(hash);
            Assert.Equal(expected.Root(), tree.Proofs.Root(i + 1));
        }
        Assert.Equal(MerkleTreeProjection.EventKey(log[5].EventId), MerkleTreeProjection.EventKey(log[9].EventId));
        Assert.Equal(MerkleTreeProjection.EventKey(log[21].EventId), MerkleTreeProjection.EventKey(log[22].EventId));
        Assert.Null(tree.FindLeaf(Guid.NewGuid()));
    }

    private static object? Scalar(ReadModelDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private async Task AppendAsync(SqliteEventStore store, string programme, int events)
    {
        var id = ProgramId.Parse(programme);
        var programEvents = new List<IProgramEvent>
        {
            new ProgramAnnounced(ClaimId.Parse("announced"), programme, ProgramKind.LightTank, "KZ", PartialDate.OfYear(2026), Certainty.Reported, Source, null),
        };
        programEvents.AddRange(Enumerable.Range(1, events - 1).Select(i => (IProgramEvent)new AttributeReported(
            ClaimId.Parse($"calibre-{i}"), "turret_calibre", new ClaimValue.Quantity(100 + i, "mm"), null, Certainty.Reported, Source, null)));
        foreach (var programEvent in programEvents)
        {
            var commandId = $"cmd-{Guid.NewGuid():N}";
            await store.AppendAsync(id.Stream, ExpectedRevision.Any,
                [ProgramEvents.ToEventData(programEvent, EventIdOfLeaf(_appended++), new EventMetadata(commandId, "test", commandId, commandId, null, 1))]);
        }
    }

    /// <summary>A random id, except that leaves 9 and 22 take the first 8 bytes of leaves 5 and 21.</summary>
    private static Guid EventIdOfLeaf(int leaf)
    {
        var bytes = Guid.NewGuid().ToByteArray(bigEndian: true);
        var sharedWith = leaf switch { 9 => 5, 22 => 21, _ => leaf };
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), 0x1000L + sharedWith);
        return new Guid(bytes, bigEndian: true);
    }
}
