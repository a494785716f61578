using Registry.Client.Audit;
using Registry.EventStore;
using Registry.Projections;
using Registry.V1;

namespace Registry.Server.Audit;

/// <summary>
/// Audit.VerifyLog: recomputes every leaf from the log as it is now, compares each with the leaf the tree
/// recorded when the event was first seen, and the root at every signed size with the signed root.
/// </summary>
internal sealed class LogVerifier(IEventStore store, ReadModelDatabase database, SignedHeads heads)
{
    public async Task<VerifyLogResponse> VerifyAsync(CancellationToken cancellationToken)
    {
        var signed = heads.All();
        var response = new VerifyLogResponse();
        using var tree = new TreeSnapshot(database);
        using var stored = tree.Leaves(tree.Size).GetEnumerator();
        var hasStored = stored.MoveNext();
        var range = new CompactRange();
        var nextHead = 0;
        nextHead = CheckHeads(signed, nextHead, range, response);

        await foreach (var recorded in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue, cancellationToken))
        {
            if (!MerkleTreeProjection.RegistryEvents.Matches(recorded.Stream, recorded.Type))
                continue;
            var hash = LeafEncoding.LeafHash(AuditEvents.From(recorded));
            if (response.FirstDifference is null && hasStored)
            {
                response.FirstDifference = await CompareAsync(stored.Current, recorded, hash, cancellationToken);
                hasStored = stored.MoveNext();
            }
            range.Append(hash);
            nextHead = CheckHeads(signed, nextHead, range, response);
        }
        if (response.FirstDifference is null && hasStored)
        {
            var leaf = stored.Current;
            response.FirstDifference = Difference(leaf, $"the tree recorded leaf {leaf.Index} (event {leaf.EventId}, {leaf.Stream}@{leaf.Revision}) but the log ends before it: events were deleted");
        }
        foreach (var head in signed.Skip(nextHead))
        {
            response.HeadFailures.Add(new HeadFailure
            {
                TreeSize = (ulong)head.Head.TreeSize, TimestampMs = head.Head.TimestampMs,
                Reason = $"signed for {head.Head.TreeSize} leaves but the log now holds only {range.Size} registry events: events were deleted",
            });
        }
        response.LeavesChecked = (ulong)range.Size;
        response.HeadsChecked = (ulong)signed.Count;
        response.Ok = response.FirstDifference is null && response.HeadFailures.Count == 0;
        return response;
    }

    private static int CheckHeads(IReadOnlyList<SignedHeads.Signed> signed, int next, CompactRange range, VerifyLogResponse response)
    {
        while (next < signed.Count && signed[next].Head.TreeSize == range.Size)
        {
            var head = signed[next].Head;
            var root = range.Root();
            if (!root.AsSpan().SequenceEqual(head.RootHash))
            {
                response.HeadFailures.Add(new HeadFailure
                {
                    TreeSize = (ulong)head.TreeSize, TimestampMs = head.TimestampMs,
                    Reason = $"the log's first {head.TreeSize} events hash to root {Convert.ToHexStringLower(root)}, the head signed {Convert.ToHexStringLower(head.RootHash)}",
                });
            }
            next++;
        }
        return next;
    }

    private async Task<LeafDifference?> CompareAsync(TreeSnapshot.Leaf leaf, RecordedEvent recorded, byte[] hash, CancellationToken cancellationToken)
    {
        if (leaf.EventId == recorded.EventId)
        {
            return hash.AsSpan().SequenceEqual(leaf.Hash) ? null
                : Difference(leaf, $"event {leaf.EventId} ({leaf.Stream}@{leaf.Revision}) is not what leaf {leaf.Index} recorded: its stored fields (data, metadata, type, time or position) changed");
        }
        var now = $"the log now has event {recorded.EventId} ({recorded.Stream}@{recorded.Revision}) at this index";
        var stillThere = false;
        await foreach (var e in store.ReadStreamAsync(leaf.Stream, Direction.Forwards, leaf.Revision, 1, cancellationToken))
            stillThere = e.EventId == leaf.EventId;
        return Difference(leaf, stillThere
            ? $"leaf {leaf.Index} recorded event {leaf.EventId} ({leaf.Stream}@{leaf.Revision}); {now} while {leaf.EventId} is still in the log: events were reordered or one was inserted"
            : $"leaf {leaf.Index} recorded event {leaf.EventId} ({leaf.Stream}@{leaf.Revision}), which the log no longer holds: it was deleted; {now}");
    }

    private static LeafDifference Difference(TreeSnapshot.Leaf leaf, string reason) => new()
    {
        LeafIndex = (ulong)leaf.Index, EventId = leaf.EventId.ToString(), Stream = leaf.Stream, Revision = leaf.Revision, Reason = reason,
    };
}
