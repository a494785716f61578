using Registry.Client.Audit;
using Registry.EventStore;
using Registry.Projections;

namespace Registry.Server.Audit;

/// <summary>
/// The Merkle tree over the registry's events, kept like any read model: each event of a programme stream
/// becomes the next leaf, and every complete subtree it closes is stored (on average one more node per leaf),
/// so adding a leaf costs O(log n) and any root or proof reads O(log n) stored nodes.
/// Leaves are found by event id through an index written in blocks (<paramref name="indexBlock"/> leaves at
/// once, in key order) rather than leaf by leaf: event ids are random, so each leaf indexed on its own rewrote
/// a page of the index of its own, which made up a fifth of the read models' work per command. A block
/// rewrites each page once for many leaves. The leaves after the last block are found by reading them.
/// </summary>
internal sealed class MerkleTreeProjection(int indexBlock = MerkleTreeProjection.DefaultIndexBlock) : ISqliteProjection
{
    public const string ProjectionName = "audit_tree";
    public const string LeavesView = "audit_tree_leaves";
    public const string NodesView = "audit_tree_nodes";
    public const string EventKeysView = "audit_tree_event_keys";
    public const string IndexedView = "audit_tree_indexed";

    /// <summary>
    /// At most this many leaves are looked up by reading them: a snapshot's first such lookup reads them all, a few
    /// milliseconds (bench/audit-tree.sh).
    /// </summary>
    public const int DefaultIndexBlock = 16_384;

    /// <summary>The registry's events: programme streams, in log order. Other streams (leases, system) are not leaves.</summary>
    public static SubscriptionFilter RegistryEvents { get; } = SubscriptionFilter.OnStreamPrefix("program-");

    public string Name => ProjectionName;
    public int Version => 2;
    public SubscriptionFilter? Filter => RegistryEvents;
    public IReadOnlyList<string> Tables { get; } = ["leaves", "nodes", "event_keys", "indexed"];

    public void CreateSchema(ProjectionContext context) => context.Execute($"""
        CREATE TABLE {context.Table("leaves")} (
            leaf_index INTEGER PRIMARY KEY, event_key INTEGER NOT NULL, event_id BLOB NOT NULL, leaf_hash BLOB NOT NULL, stream TEXT NOT NULL,
            revision INTEGER NOT NULL, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL);
        CREATE TABLE {context.Table("nodes")} (
            level INTEGER NOT NULL, node_index INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, node_index)) WITHOUT ROWID;
        CREATE TABLE {context.Table("event_keys")} (
            event_key INTEGER NOT NULL, leaf_index INTEGER NOT NULL, PRIMARY KEY (event_key, leaf_index)) WITHOUT ROWID;
        CREATE TABLE {context.Table("indexed")} (next_leaf INTEGER NOT NULL);
        INSERT INTO {context.Table("indexed")} (next_leaf) VALUES (0);
        """);

    public void Apply(ProjectionContext context, RecordedEvent recorded)
    {
        var index = context.Statement("SELECT coalesce(max(leaf_index) + 1, 0) FROM {leaves}").ReadInt64()!.Value;
        var hash = LeafEncoding.LeafHash(AuditEvents.From(recorded));
        Span<byte> eventId = stackalloc byte[16];
        recorded.EventId.TryWriteBytes(eventId, bigEndian: true, out _);
        context.Statement("""
            INSERT INTO {leaves} (leaf_index, event_key, event_id, leaf_hash, stream, revision, commit_position, prepare_position)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
            .Bind(1, index).Bind(2, EventKey(recorded.EventId)).Bind(3, eventId).Bind(4, hash).Bind(5, recorded.Stream)
            .Bind(6, recorded.Revision).Bind(7, (long)recorded.Position.Commit).Bind(8, (long)recorded.Position.Prepare)
            .Execute();

        if ((index + 1) % indexBlock == 0)
            IndexLeaves(context, upTo: index + 1);

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
            context.Statement("INSERT INTO {nodes} (level, node_index, hash) VALUES (?1, ?2, ?3)").Bind(1, level).Bind(2, node).Bind(3, right).Execute();
        }
    }

    /// <summary>Indexes by event id every leaf not indexed yet, below <paramref name="upTo"/>.</summary>
    private static void IndexLeaves(ProjectionContext context, long upTo)
    {
        context.Statement("""
            INSERT INTO {event_keys} (event_key, leaf_index)
            SELECT event_key, leaf_index FROM {leaves} WHERE leaf_index >= (SELECT next_leaf FROM {indexed}) AND leaf_index < ?1 ORDER BY event_key
            """).Bind(1, upTo).Execute();
        context.Statement("UPDATE {indexed} SET next_leaf = ?1").Bind(1, upTo).Execute();
    }

    /// <summary>
    /// The event id's first 8 bytes as an integer: the index that finds a leaf by event id stays half the size of
    /// one on the whole id (which lookups compare as well).
    /// </summary>
    public static long EventKey(Guid eventId)
    {
        Span<byte> bytes = stackalloc byte[16];
        eventId.TryWriteBytes(bytes, bigEndian: true, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    private static byte[] Hash(ProjectionContext context, int level, long index) => level == 0
        ? context.Statement("SELECT leaf_hash FROM {leaves} WHERE leaf_index = ?1").Bind(1, index).ReadBlob()!
        : context.Statement("SELECT hash FROM {nodes} WHERE level = ?1 AND node_index = ?2").Bind(1, level).Bind(2, index).ReadBlob()!;
}
