using Microsoft.Data.Sqlite;
using Registry.Client.Audit;
using Registry.EventStore;
using Registry.Projections;

namespace Registry.Server.Audit;

/// <summary>
/// The live tree as of one read transaction: its size, any stored subtree hash, and its leaves. Everything
/// read through one snapshot comes from the same projection commit.
/// </summary>
internal sealed class TreeSnapshot : INodeHashes, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _leaf;
    private readonly SqliteCommand _node;

    // The leaves after the last indexed block (fewer than a block), by event key: read once per snapshot, so that
    // looking up every event of a programme reads them once rather than once per event.
    private Dictionary<long, long>? _unindexed;

    public sealed record Leaf(long Index, Guid EventId, byte[] Hash, string Stream, long Revision, Position Position);

    public TreeSnapshot(ReadModelDatabase database)
    {
        _connection = database.Open();
        _transaction = _connection.BeginTransaction(deferred: true);
        using (var size = Command($"SELECT coalesce(max(leaf_index) + 1, 0) FROM {MerkleTreeProjection.LeavesView}"))
            Size = (long)size.ExecuteScalar()!;
        _leaf = Command($"SELECT leaf_hash FROM {MerkleTreeProjection.LeavesView} WHERE leaf_index = $index");
        _leaf.Parameters.Add("$index", SqliteType.Integer);
        _node = Command($"SELECT hash FROM {MerkleTreeProjection.NodesView} WHERE level = $level AND node_index = $index");
        _node.Parameters.Add("$level", SqliteType.Integer);
        _node.Parameters.Add("$index", SqliteType.Integer);
        Proofs = new MerkleProofs(this);
    }

    public long Size { get; }

    public MerkleProofs Proofs { get; }

    public byte[] Hash(int level, long index)
    {
        var command = level == 0 ? _leaf : _node;
        command.Parameters["$index"].Value = index;
        if (level > 0)
            command.Parameters["$level"].Value = level;
        return command.ExecuteScalar() as byte[]
            ?? throw new InvalidOperationException($"The tree has no node at level {level}, index {index}: it is incomplete.");
    }

    /// <summary>The first leaf of the event: through the index, or among the leaves after the last indexed block.</summary>
    public Leaf? FindLeaf(Guid eventId)
    {
        var key = MerkleTreeProjection.EventKey(eventId);
        using (var command = Command($"""
            SELECT {Columns} FROM {MerkleTreeProjection.LeavesView}
            WHERE leaf_index IN (SELECT leaf_index FROM {MerkleTreeProjection.EventKeysView} WHERE event_key = $key) AND event_id = $id
            ORDER BY leaf_index LIMIT 1
            """))
        {
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$id", eventId.ToByteArray(bigEndian: true));
            using var reader = command.ExecuteReader();
            if (reader.Read())
                return Read(reader);
        }
        _unindexed ??= ReadUnindexed();
        if (!_unindexed.TryGetValue(key, out var index))
            return null;
        // Another event may share the first 8 bytes of the id: then the unindexed leaves are compared in full.
        return LeafAt(index) is { } leaf && leaf.EventId == eventId ? leaf : ScanUnindexed(eventId);
    }

    private Dictionary<long, long> ReadUnindexed()
    {
        using var command = Command($"""
            SELECT event_key, leaf_index FROM {MerkleTreeProjection.LeavesView}
            WHERE leaf_index >= (SELECT next_leaf FROM {MerkleTreeProjection.IndexedView}) ORDER BY leaf_index
            """);
        using var reader = command.ExecuteReader();
        var unindexed = new Dictionary<long, long>();
        while (reader.Read())
            unindexed.TryAdd(reader.GetInt64(0), reader.GetInt64(1));
        return unindexed;
    }

    /// <summary>The first unindexed leaf of the event, its id compared in full.</summary>
    private Leaf? ScanUnindexed(Guid eventId)
    {
        using var command = Command($"""
            SELECT {Columns} FROM {MerkleTreeProjection.LeavesView}
            WHERE leaf_index >= (SELECT next_leaf FROM {MerkleTreeProjection.IndexedView}) AND event_id = $id ORDER BY leaf_index LIMIT 1
            """);
        command.Parameters.AddWithValue("$id", eventId.ToByteArray(bigEndian: true));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public Leaf? LeafAt(long index)
    {
        using var command = Command($"SELECT {Columns} FROM {MerkleTreeProjection.LeavesView} WHERE leaf_index = $index");
        command.Parameters.AddWithValue("$index", index);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Leaves below <paramref name="size"/> in order.</summary>
    public IEnumerable<Leaf> Leaves(long size)
    {
        using var command = Command($"SELECT {Columns} FROM {MerkleTreeProjection.LeavesView} WHERE leaf_index < $size ORDER BY leaf_index");
        command.Parameters.AddWithValue("$size", size);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return Read(reader);
    }

    private const string Columns = "leaf_index, event_id, leaf_hash, stream, revision, commit_position, prepare_position";

    private static Leaf Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), new Guid((byte[])reader[1], bigEndian: true), (byte[])reader[2], reader.GetString(3), reader.GetInt64(4),
        new Position((ulong)reader.GetInt64(5), (ulong)reader.GetInt64(6)));

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _node.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }
}
