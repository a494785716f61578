using System.Security.Cryptography;
using Registry.Client.Audit;
using Registry.Contracts;
using Registry.EventStore;
using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.Server.Projections;
using Registry.Server.Publishing;

namespace Registry.Server.Audit;

/// <summary>
/// Signs a head of the tree every <see cref="SignEveryOptions.Events"/> new leaves or
/// <see cref="SignEveryOptions.Seconds"/> after the last head (when the tree grew), stores it, then publishes
/// <see cref="TreeHeadSigned"/> (stored first, published until confirmed: at least once). It never signs a tree
/// that does not extend the last signed head: a tree rebuilt from a rewritten log stays unsigned, and says so.
/// </summary>
internal sealed partial class TreeHeadSigner(
    ReadModelDatabase database,
    SignedHeads heads,
    SigningKey key,
    AuditOptions options,
    IMessageSink sink,
    PublishingOptions publishing,
    ProjectionsService projections,
    IEventStore store,
    TimeProvider time,
    ILogger<TreeHeadSigner> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _signing = new(1, 1);

    /// <summary>Why the last attempt to sign was refused (the tree does not extend the last signed head); null when fine.</summary>
    public string? Refusal { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    await SignIfDueAsync(force: false, stoppingToken);
                }
                catch (Microsoft.Data.Sqlite.SqliteException e)
                {
                    // The tree's views appear once the projections have started; a busy file clears by the next tick.
                    LogSignFailed(e);
                }
                await PublishPendingAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits (up to 10 s) for the tree to hold the log's last registry event, signs the tree if it grew, and returns the newest head.</summary>
    public async Task<SignedHeads.Signed?> SignNowAsync(CancellationToken cancellationToken)
    {
        var wanted = await ReadModelWaits.LastRegistryEventAsync(store, cancellationToken);
        await projections.UntilAppliedAsync(MerkleTreeProjection.ProjectionName, "The audit tree", wanted, cancellationToken);
        await SignIfDueAsync(force: true, cancellationToken);
        if (Refusal is { } refusal)
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.FailedPrecondition, refusal));
        return heads.Latest();
    }

    private async Task SignIfDueAsync(bool force, CancellationToken cancellationToken)
    {
        await _signing.WaitAsync(cancellationToken);
        try
        {
            var last = heads.Latest();
            using var tree = new TreeSnapshot(database);
            var lastSize = last?.Head.TreeSize ?? -1;
            if (tree.Size < lastSize)
            {
                Refuse($"The tree has {tree.Size} leaves, fewer than the {lastSize} of the last signed head: the log lost events or the tree was rebuilt from a changed log. Nothing more is signed; run Audit.VerifyLog.");
                return;
            }
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var grew = tree.Size > lastSize;
            var due = grew && (force || last is null || tree.Size - lastSize >= options.SignEvery.Events ||
                               now - last.Head.TimestampMs >= options.SignEvery.Seconds * 1000L);
            if (!due && !force)
                return;
            // Asked to sign, or due: the tree must still hash its first leaves to the last signed root.
            if (last is not null && last.Head.TreeSize > 0 && !tree.Proofs.Root(last.Head.TreeSize).AsSpan().SequenceEqual(last.Head.RootHash))
            {
                Refuse($"The tree no longer extends the head signed at size {last.Head.TreeSize}: the log was rewritten or the tree rebuilt from a changed log. Nothing more is signed; run Audit.VerifyLog.");
                return;
            }
            Refusal = null;
            if (!grew)
                return;
            var position = tree.Size == 0 ? Position.Start : tree.LeafAt(tree.Size - 1)!.Position;
            var head = new TreeHead(tree.Size, tree.Proofs.Root(tree.Size), now, position.Commit, position.Prepare);
            await heads.AddAsync(new SignedHeads.Signed(head, key.Fingerprint, head.Sign(key.Key), Published: false));
        }
        finally
        {
            _signing.Release();
        }
    }

    private void Refuse(string reason)
    {
        if (Refusal != reason)
            LogRefused(reason);
        Refusal = reason;
    }

    private async Task PublishPendingAsync(CancellationToken cancellationToken)
    {
        if (!publishing.Enabled)
            return;
        foreach (var pending in heads.Unpublished())
        {
            try
            {
                await sink.PublishAsync([new OutgoingMessage(MessageId(pending.Head), ToMessage(pending))], cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPublishFailed(pending.Head.TreeSize, e);
                return;
            }
            await heads.MarkPublishedAsync(pending.Head.TreeSize);
        }
    }

    public static TreeHeadSigned ToMessage(SignedHeads.Signed signed) => new(
        signed.Head.TreeSize, Convert.ToHexStringLower(signed.Head.RootHash), signed.Head.TimestampMs,
        signed.Head.CommitPosition, signed.Head.PreparePosition, signed.KeyFingerprint, Convert.ToBase64String(signed.Signature));

    private static Guid MessageId(TreeHead head)
    {
        var hash = SHA256.HashData([.. BitConverter.GetBytes(head.TreeSize), .. head.RootHash]);
        return new Guid(hash.AsSpan(0, 16));
    }

    public override void Dispose()
    {
        _signing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refusing to sign a tree head: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing a tree head failed; trying again at the next tick")]
    private partial void LogSignFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the tree head of size {Size} failed; retrying at the next tick")]
    private partial void LogPublishFailed(long size, Exception exception);
}
