using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Registry.EventStore;
using Registry.Projections.Telemetry;

namespace Registry.Projections;

/// <summary>
/// Keeps one generation of a projection up to date: follows the log from its checkpoint and applies each
/// batch with the new checkpoint in one transaction. A batch whose handler fails is retried a few times; when
/// that runs out the projection is FAULTED with the event named, and nothing after it is applied.
/// </summary>
internal sealed class ProjectionRunner(
    ISqliteProjection projection,
    long generationNumber,
    ReadModelDatabase database,
    IEventStore store,
    ResiliencePipeline retry,
    ILogger logger) : Follower(projection.Name, generationNumber, logger)
{
    // Bounds a catching-up batch's transaction; a live one holds what arrived during the pause (about 1,500 events
    // at full load).
    private const int MaxBatch = 4000;

    public long Generation => Status.Generation;

    /// <summary>
    /// A rebuild: runs inside each batch's transaction after the events are applied, with the new checkpoint
    /// and whether the batch ends at the head; returns true when it swapped this generation in.
    /// </summary>
    public Func<SqliteConnection, SqliteTransaction, Position, bool, bool>? TrySwapIn { get; init; }

    /// <summary>Called once the transaction that swapped this generation in has committed.</summary>
    public Action? SwappedIn { get; init; }

    private volatile bool _rebuilding;

    public bool Rebuilding
    {
        get => _rebuilding;
        init => _rebuilding = value;
    }

    protected override async Task FollowAsync(CancellationToken cancellationToken)
    {
        var generation = Generation;
        // Every batch is applied on the read models' one writer thread and connection (ReadModelDatabase.WriteAsync).
        var (context, checkpoint) = await database.WriteAsync(connection =>
            (new ProjectionContext(projection, generation, connection), ProjectionCatalog.ReadCheckpoint(connection, projection.Name, generation)));
        try
        {
            await FollowLogAsync(store, checkpoint, projection.Filter, MaxBatch, async (batch, end) =>
            {
                using (FollowerSpans.StartProjectionBatch(projection.Name, generation, batch.Events, end))
                {
                    await retry.ExecuteAsync(
                        async _ => await database.WriteAsync(_ => Apply(context, batch, end, atHead: batch.CaughtUpHead is not null)),
                        cancellationToken);
                }
            }, cancellationToken);
        }
        finally
        {
            await database.WriteAsync(_ => context.DisposeCommands());
        }
    }

    protected override ProjectionState StateAt(Position checkpoint, Position head) =>
        _rebuilding ? ProjectionState.Rebuilding : base.StateAt(checkpoint, head);

    /// <summary>On the read models' writer: the batch's rows and checkpoint in one transaction.</summary>
    private void Apply(ProjectionContext context, LogBatches.Batch batch, Position end, bool atHead)
    {
        context.DropAfterCommit();
        using var transaction = context.Connection.BeginTransaction();
        context.Transaction = transaction;
        foreach (var recorded in batch.Events)
        {
            try
            {
                projection.Apply(context, recorded);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ProjectionFailedException(projection.Name, recorded, e);
            }
        }
        ProjectionCatalog.WriteCheckpoint(context.Connection, transaction, projection.Name, Generation, end);
        var swapped = _rebuilding && TrySwapIn is not null && TrySwapIn(context.Connection, transaction, end, atHead);
        transaction.Commit();
        context.Transaction = null;
        if (swapped)
        {
            _rebuilding = false;
            SwappedIn?.Invoke();
        }
        context.RunAfterCommit(live: !_rebuilding);
    }

    public static ResiliencePipeline DefaultRetry { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ProjectionFailedException>().Handle<SqliteException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();
}
