using Google.Protobuf;
using Grpc.Core;
using Registry.Domain;
using Registry.EventStore;
using Registry.Projections;
using Registry.Server.Programs;
using Registry.Server.Rpc;
using Registry.V1;

namespace Registry.Server.Audit;

/// <summary>registry.v1.Audit: signed heads, inclusion and consistency proofs, export, and the server's own checks.</summary>
internal sealed class AuditService(
    ReadModelDatabase database,
    SignedHeads heads,
    SigningKey key,
    TreeHeadSigner signer,
    IEventStore store,
    LogVerifier verifier,
    ReplayChecker replay) : V1.Audit.AuditBase
{
    public override async Task<GetTreeHeadResponse> GetTreeHead(GetTreeHeadRequest request, ServerCallContext context)
    {
        var signed = request.SignNow && request.TreeSize == 0
            ? await signer.SignNowAsync(context.CancellationToken)
            : Head(request.TreeSize, "tree_size");
        return HeadResponse(signed ?? throw new RpcException(new Status(StatusCode.Unavailable, "No tree head has been signed yet; retry shortly.")));
    }

    public override Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.EventId, out var eventId))
            throw new InvalidRequestException("The event id is not a UUID.", "event_id", "must be an event id (UUID)");
        var size = SizeOrLatest(request.TreeSize, "tree_size");
        using var tree = Tree(size, "tree_size");
        var leaf = tree.FindLeaf(eventId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"Event {eventId} is not a leaf of the tree."));
        if (leaf.Index >= size)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Event {eventId} is leaf {leaf.Index}, not in the tree of {size} leaves; ask for a later head."));
        var response = new GetInclusionProofResponse { LeafIndex = (ulong)leaf.Index, TreeSize = (ulong)size, LeafHash = ByteString.CopyFrom(leaf.Hash) };
        response.AuditPath.AddRange(tree.Proofs.Inclusion(leaf.Index, size).Select(ByteString.CopyFrom));
        return Task.FromResult(response);
    }

    public override Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        if (request.FirstSize == 0 || request.FirstSize > request.SecondSize)
            throw new InvalidRequestException("A consistency proof needs 0 < first_size <= second_size.", "first_size", "must be at least 1 and at most second_size");
        var second = (long)request.SecondSize;
        using var tree = Tree(second, "second_size");
        var response = new GetConsistencyProofResponse
        {
            FirstSize = request.FirstSize, SecondSize = request.SecondSize,
            FirstRoot = ByteString.CopyFrom(tree.Proofs.Root((long)request.FirstSize)),
            SecondRoot = ByteString.CopyFrom(tree.Proofs.Root(second)),
        };
        response.Proof.AddRange(tree.Proofs.Consistency((long)request.FirstSize, second).Select(ByteString.CopyFrom));
        return Task.FromResult(response);
    }

    public override async Task ExportLog(ExportLogRequest request, IServerStreamWriter<ExportLogResponse> responseStream, ServerCallContext context)
    {
        string? stream = null;
        if (request.ProgramId.Length > 0)
        {
            if (!ProgramId.IsValid(request.ProgramId))
                throw new InvalidRequestException("The programme id is not valid.", "program_id", "must be a programme id, or empty for the whole log");
            stream = ProgramId.Parse(request.ProgramId).Stream;
        }
        var signed = Head(request.TreeSize, "tree_size") ?? throw new RpcException(new Status(StatusCode.Unavailable, "No tree head has been signed yet; retry shortly."));
        var size = signed.Head.TreeSize;
        var from = request.FromPosition is { } f ? new Position(f.Commit, f.Prepare) : Position.Start;
        var to = request.ToPosition is { } t ? new Position(t.Commit, t.Prepare) : Position.End;
        await responseStream.WriteAsync(new ExportLogResponse { Head = HeadResponse(signed) }, context.CancellationToken);

        using var tree = Tree(size, "tree_size");
        var leaves = (stream is null ? tree.Leaves(size) : await LeavesOfStreamAsync(tree, stream, size, context.CancellationToken))
            .Where(l => l.Position >= from && l.Position <= to);
        await foreach (var (leaf, recorded) in EventsOf(leaves, context.CancellationToken))
        {
            var exported = new ExportedLeaf { LeafIndex = (ulong)leaf.Index, Event = AuditEvents.ToProto(recorded), LeafHash = ByteString.CopyFrom(leaf.Hash) };
            exported.AuditPath.AddRange(tree.Proofs.Inclusion(leaf.Index, size).Select(ByteString.CopyFrom));
            await responseStream.WriteAsync(new ExportLogResponse { Leaf = exported }, context.CancellationToken);
        }
    }

    public override Task<VerifyLogResponse> VerifyLog(VerifyLogRequest request, ServerCallContext context) =>
        verifier.VerifyAsync(context.CancellationToken);

    public override Task<ReplayCheckResponse> ReplayCheck(ReplayCheckRequest request, ServerCallContext context) =>
        replay.CheckAsync(context.CancellationToken);

    /// <summary>
    /// Each leaf with the event the log holds at its stream and revision now (a changed event is exported as it is,
    /// so the offline check fails on it; a missing one is exported with no payload at all and fails too).
    /// </summary>
    private async IAsyncEnumerable<(TreeSnapshot.Leaf Leaf, RecordedEvent Event)> EventsOf(IEnumerable<TreeSnapshot.Leaf> leaves,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var leaf in leaves)
        {
            RecordedEvent? found = null;
            await foreach (var recorded in store.ReadStreamAsync(leaf.Stream, Direction.Forwards, leaf.Revision, 1, cancellationToken))
                found = recorded;
            yield return (leaf, found is not null && found.Revision == leaf.Revision ? found
                : new RecordedEvent(leaf.EventId, leaf.Stream, leaf.Revision, leaf.Position, string.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, DateTimeOffset.UnixEpoch));
        }
    }

    /// <summary>The leaves, below <paramref name="size"/>, of the events the stream holds now (a deleted event has none to export).</summary>
    private async Task<IReadOnlyList<TreeSnapshot.Leaf>> LeavesOfStreamAsync(TreeSnapshot tree, string stream, long size, CancellationToken cancellationToken)
    {
        var leaves = new List<TreeSnapshot.Leaf>();
        await foreach (var recorded in store.ReadStreamAsync(stream, Direction.Forwards, 0, long.MaxValue, cancellationToken))
        {
            if (tree.FindLeaf(recorded.EventId) is { } leaf && leaf.Index < size)
                leaves.Add(leaf);
        }
        return leaves;
    }

    private SignedHeads.Signed? Head(ulong size, string field) =>
        size == 0 ? heads.Latest()
            : heads.AtSize((long)size) ?? throw new InvalidRequestException($"No head was signed at size {size}.", field, "must be the size of a signed head (0: the newest)");

    private long SizeOrLatest(ulong size, string field) =>
        size != 0 ? (long)size : Head(0, field)?.Head.TreeSize ?? throw new RpcException(new Status(StatusCode.Unavailable, "No tree head has been signed yet; retry shortly."));

    private TreeSnapshot Tree(long size, string field)
    {
        var tree = new TreeSnapshot(database);
        if (tree.Size < size)
        {
            tree.Dispose();
            throw new InvalidRequestException($"The tree has {tree.Size} leaves; {size} is beyond it.", field, $"must be at most the tree's size ({tree.Size})");
        }
        return tree;
    }

    private GetTreeHeadResponse HeadResponse(SignedHeads.Signed signed) => new()
    {
        Head = new SignedTreeHead
        {
            TreeSize = (ulong)signed.Head.TreeSize,
            RootHash = ByteString.CopyFrom(signed.Head.RootHash),
            TimestampMs = signed.Head.TimestampMs,
            LastPosition = new LogPosition { Commit = signed.Head.CommitPosition, Prepare = signed.Head.PreparePosition },
            KeyFingerprint = signed.KeyFingerprint,
            Signature = ByteString.CopyFrom(signed.Signature),
        },
        PublicKeyPem = key.PublicKeyPem,
    };
}
