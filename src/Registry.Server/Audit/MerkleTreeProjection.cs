using Registry.Client.Audit;
using Registry.EventStore;
using Registry.Projections;

namespace Registry.Server.Audit;

/// <summary>
/// The Merkle tree over the registry's events, kept like any read model: each event of a programme stream
/// becomes the next leaf, and every complete subtree it closes is stored (on average one more node per leaf),
/// so adding a leaf costs O(log n) and any root or proof reads O(log n) stored nodes.
/// </summary>
internal sealed class MerkleTreeProjection : ISqliteProjection
{
    public const string ProjectionName = "audit_tree";
    public const string LeavesView = "audit_tree_leaves";
    public const string NodesView = "audit_tree_nodes";

    /// <summary>The registry's events: programme streams, in log order. Other streams (leases, system) are not leaves.</summary>
    public static SubscriptionFilter RegistryEvents { get; } = SubscriptionFilter.OnStreamPrefix("program-");

    public string Name => ProjectionName;
    public int Version => 1;
    public SubscriptionFilter? Filter => RegistryEvents;
    public IReadOnlyList<string> Tables { get; } = ["leaves", "nodes"];

    public void CreateSchema(ProjectionContext context) => context.Execute($"""
        CREATE TABLE {context.Table("leaves")} (
            leaf_index INTEGER PRIMARY KEY, event_key INTEGER NOT NULL, event_id BLOB NOT NULL, leaf_hash BLOB NOT NULL, stream TEXT NOT NULL,
            revision INTEGER NOT NULL, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL);
        CREATE INDEX {context.Table("leaves")}_event ON {context.Table("leaves")} (event_key);
        CREATE TABLE {context.Table("nodes")} (
            level INTEGER NOT NULL, node_index INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, node_index)) WITHOUT ROWID;
        """);

    public void Apply(ProjectionContext context, RecordedEvent recorded)
    {
        var size = context.Command($"SELECT coalesce(max(leaf_index) + 1, 0) FROM {context.Table("leaves")}");
        var index = (long)size.ExecuteScalar()!;
        var hash = LeafEncoding.LeafHash(AuditEvents.From(recorded));
        context.Execute($"""
            INSERT INTO {context.Table("leaves")} (leaf_index, event_key, event_id, leaf_hash, stream, revision, commit_position, prepare_position)
            VALUES ($index, $key, $id, $hash, $stream, $revision, $commit, $prepare)
            """,
            ("$index", index), ("$key", EventKey(recorded.EventId)), ("$id", recorded.EventId.ToByteArray(bigEndian: true)), ("$hash", hash), ("$stream", recorded.Stream),
            ("$revision", recorded.Revision), ("$commit", (long)recorded.Position.Commit), ("$prepare", (long)recorded.Position.Prepare));

        // A right child completes its parent: climb while the node just stored is a right child.
        var level = 0;
        var node = index;
        var right = hash;
        while ((node & 1) == 1)
        {
            var left = Hash(context, level, node - 1);
            right = MerkleHashing.Node(left, right);
            level++;
            node >>= 1;
            context.Execute($"INSERT INTO {context.Table("nodes")} (level, node_index, hash) VALUES ($level, $index, $hash)",
                ("$level", level), ("$index", node), ("$hash", right));
        }
    }

    /// <summary>
    /// The event id's first 8 bytes as an integer: the index that finds a leaf by event id stays half the size of
    /// one on the whole id (which lookups compare as well), and that index is most of the cost of adding a leaf.
    /// </summary>
    public static long EventKey(Guid eventId)
    {
        Span<byte> bytes = stackalloc byte[16];
        eventId.TryWriteBytes(bytes, bigEndian: true, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    private static byte[] Hash(ProjectionContext context, int level, long index)
    {
        var command = level == 0
            ? context.Command($"SELECT leaf_hash FROM {context.Table("leaves")} WHERE leaf_index = $index")
            : context.Command($"SELECT hash FROM {context.Table("nodes")} WHERE level = $level AND node_index = $index");
        if (level > 0)
            command.Parameters.AddWithValue("$level", level);
        command.Parameters.AddWithValue("$index", index);
        return (byte[])command.ExecuteScalar()!;
    }
}
