using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Registry.EventStore;
using Registry.Projections.Telemetry;

namespace Registry.Projections;

/// <summary>
/// Keeps one generation of a projection up to date: follows the log from its checkpoint and applies each
/// batch with the new checkpoint in one transaction. A failing batch is retried; when retries run out the
/// runner stops with the error visible in its status, and nothing after the failing event is applied.
/// </summary>
internal sealed partial class ProjectionRunner(
    ISqliteProjection projection,
    long generation,
    ReadModelDatabase database,
    IEventStore store,
    ResiliencePipeline retry,
    ILogger logger)
{
    private const int MaxBatch = 1000;
    private volatile ProjectionStatus _status = new(projection.Name, generation, ProjectionState.Starting, Position.Start, Position.Start, null);

    public long Generation => generation;

    public ProjectionStatus Status => _status;

    /// <summary>
    /// A rebuild: runs inside each batch's transaction after the events are applied, with the new checkpoint
    /// and whether the batch ends at the head; returns true when it swapped this generation in.
    /// </summary>
    public Func<SqliteConnection, SqliteTransaction, Position, bool, bool>? TrySwapIn { get; init; }

    /// <summary>Called once the transaction that swapped this generation in has committed.</summary>
    public Action? SwappedIn { get; init; }

    private bool _rebuilding;

    public bool Rebuilding
    {
        get => _rebuilding;
        init => _rebuilding = value;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var context = new ProjectionContext(projection, generation, connection);
        try
        {
            var checkpoint = ProjectionCatalog.ReadCheckpoint(connection, projection.Name, generation);
            Report(_rebuilding ? ProjectionState.Rebuilding : ProjectionState.CatchingUp, checkpoint, await store.ReadHeadAsync(cancellationToken), null);
            var subscription = store.SubscribeToAllAsync(checkpoint == Position.Start ? null : checkpoint, projection.Filter, cancellationToken);
            await foreach (var batch in LogBatches.ReadAsync(subscription, MaxBatch, cancellationToken))
            {
                // A batch that only says "caught up" (nothing new since the checkpoint) still updates the status.
                if (batch.End is { } end && end > checkpoint)
                {
                    var atHead = batch.CaughtUpHead is not null;
                    using (FollowerSpans.StartProjectionBatch(projection.Name, generation, batch.Events, end))
                        await retry.ExecuteAsync(_ => Apply(context, batch, end, atHead), cancellationToken);
                    checkpoint = end;
                }
                var head = await store.ReadHeadAsync(cancellationToken);
                var state = _rebuilding ? ProjectionState.Rebuilding
                    : checkpoint >= head ? ProjectionState.Live : ProjectionState.CatchingUp;
                Report(state, checkpoint, head, null);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Report(ProjectionState.Stopped, _status.Checkpoint, _status.Head, null);
        }
        catch (ProjectionFailedException e)
        {
            LogFaulted(projection.Name, generation, e.Position.ToString(), e.InnerException!);
            Report(ProjectionState.Faulted, _status.Checkpoint, _status.Head, e.Message);
        }
        catch (Exception e) when (e is EventStoreException or SqliteException)
        {
            LogFaulted(projection.Name, generation, _status.Checkpoint.ToString(), e);
            Report(ProjectionState.Faulted, _status.Checkpoint, _status.Head, e.Message);
        }
        finally
        {
            context.DisposeCommands();
        }
    }

    private ValueTask Apply(ProjectionContext context, LogBatches.Batch batch, Position end, bool atHead)
    {
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
        ProjectionCatalog.WriteCheckpoint(context.Connection, transaction, projection.Name, generation, end);
        var swapped = _rebuilding && TrySwapIn is not null && TrySwapIn(context.Connection, transaction, end, atHead);
        transaction.Commit();
        context.Transaction = null;
        if (swapped)
        {
            _rebuilding = false;
            SwappedIn?.Invoke();
        }
        return ValueTask.CompletedTask;
    }

    private void Report(ProjectionState state, Position checkpoint, Position head, string? error) =>
        _status = new ProjectionStatus(projection.Name, generation, state, checkpoint, head, error);

    public static ResiliencePipeline DefaultRetry { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ProjectionFailedException>().Handle<SqliteException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} (generation {Generation}) stopped at position {Position}")]
    private partial void LogFaulted(string projection, long generation, string position, Exception exception);
}
