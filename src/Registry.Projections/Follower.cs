using Microsoft.Extensions.Logging;
using Registry.EventStore;

namespace Registry.Projections;

/// <summary>
/// A follower of the log (a projection generation, a publisher) under one supervised loop: every step of an
/// attempt (reading, applying, publishing, reading the head, checkpointing) runs inside it. A transient failure
/// (the store or the read model unreachable, a subscription that ended) shows as RETRYING with its error and is
/// tried again with backoff from the checkpoint; only a deterministic one (the same event failing to apply
/// again and again) is FAULTED, and even that is tried again after a while, or at once when restarted through
/// Admin. The reported state is the real one: the loop ends only when the follower is stopped, and says so.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A restart token is cancelled, never disposed: an attempt starting at that moment may still link to it.")]
public abstract partial class Follower
{
    /// <summary>The first wait after a failure; each further one doubles, up to <see cref="LongestRetry"/>.</summary>
    protected static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    protected static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);
    private readonly ILogger _logger;
    private readonly BatchPacing _pacing = new();
    private volatile ProjectionStatus _status;
    private CancellationTokenSource _wake = new();
    private volatile bool _progressed;

    protected Follower(string name, long generation, ILogger logger)
    {
        _logger = logger;
        _status = new ProjectionStatus(name, generation, ProjectionState.Starting, Position.Start, Position.Start, null);
    }

    public string Name => _status.Name;

    public ProjectionStatus Status => _status;

    /// <summary>How long a faulted follower waits before trying again by itself.</summary>
    public TimeSpan FaultedRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called each time the follower turns FAULTED (a rebuild reports its failure to whoever waits for it).</summary>
    public Action<ProjectionStatus>? Faulted { get; init; }

    /// <summary>
    /// The shortest time between two batches that are not full: under load a follower commits (or confirms) many
    /// events at once instead of one transaction per event, whose fixed cost dwarfs applying the event; a
    /// follower of a quiet log still sees each event at once. Projections take longer
    /// (<see cref="ProjectionEngine.DefaultBatchInterval"/>).
    /// </summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Ends the pause before the next batch (<see cref="BatchInterval"/>): someone is waiting for it.</summary>
    public void Hurry() => _pacing.Hurry();

    /// <summary>One attempt: follows the log from the checkpoint until cancelled, or throws.</summary>
    protected abstract Task FollowAsync(CancellationToken cancellationToken);

    /// <summary>Runs attempts until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await SuperviseAsync(stop).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A defect of the loop itself: the status says the follower is gone rather than keep its last state.
            Report(ProjectionState.Stopped, $"The follower's loop ended: {e.Message}");
            throw;
        }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var delay = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, Volatile.Read(ref _wake).Token);
            TimeSpan wait;
            try
            {
                await FollowAsync(attempt.Token).ConfigureAwait(false);
                if (stop.IsCancellationRequested || attempt.IsCancellationRequested)
                    continue;
                wait = Retrying(new EventStoreUnavailableException("The subscription to the log ended."), ref delay);
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                continue;
            }
            catch (ProjectionFailedException e)
            {
                LogFaulted(Name, e.Position.ToString(), e.InnerException ?? e);
                Report(ProjectionState.Faulted, e.Message);
                Faulted?.Invoke(_status);
                wait = FaultedRetryAfter;
                delay = FirstRetry;
            }
            catch (Exception e)
            {
                wait = Retrying(e, ref delay);
            }
            await WaitAsync(wait, stop).ConfigureAwait(false);
        }
        Report(ProjectionState.Stopped, null);
    }

    /// <summary>Ends the current attempt, or the wait before the next one, and starts again from the checkpoint at once.</summary>
    public void Restart()
    {
        var woken = Interlocked.Exchange(ref _wake, new CancellationTokenSource());
        // Not disposed: an attempt starting right now may still link to its token.
        woken.Cancel();
    }

    /// <summary>
    /// The loop every follower shares: subscribes from <paramref name="checkpoint"/>, hands each batch that moves
    /// past it to <paramref name="handle"/> (which makes it durable, or published, before returning), and after
    /// each batch reports how far it got against the head.
    /// </summary>
    private protected async Task FollowLogAsync(IEventStore store, Position checkpoint, SubscriptionFilter? filter, int maxBatch,
        Func<LogBatches.Batch, Position, Task> handle, CancellationToken cancellationToken)
    {
        Progressed(StateAt(checkpoint, Position.End), checkpoint, await store.ReadHeadAsync(cancellationToken));
        var subscription = store.SubscribeToAllAsync(checkpoint == Position.Start ? null : checkpoint, filter, cancellationToken);
        var probe = filter is not null ? new QuietLogProbe(store, filter) : null;
        await foreach (var batch in LogBatches.ReadAsync(subscription, maxBatch, BatchInterval, _pacing, cancellationToken, checkpoint, probe))
        {
            // A batch that only says "caught up" (nothing new since the checkpoint) still updates the status.
            if (batch.End is { } end && end > checkpoint)
            {
                await handle(batch, end);
                checkpoint = end;
            }
            var head = await store.ReadHeadAsync(cancellationToken);
            Progressed(StateAt(checkpoint, head), checkpoint, head);
        }
    }

    /// <summary>What a follower at <paramref name="checkpoint"/> is while the head is at <paramref name="head"/>.</summary>
    protected virtual ProjectionState StateAt(Position checkpoint, Position head) =>
        checkpoint >= head ? ProjectionState.Live : ProjectionState.CatchingUp;

    /// <summary>A step made progress: a later failure starts its backoff from the beginning.</summary>
    protected void Progressed(ProjectionState state, Position checkpoint, Position head)
    {
        _status = _status with { State = state, Checkpoint = checkpoint, Head = head, Error = null };
        _progressed = true;
    }

    protected void Report(ProjectionState state, string? error) => _status = _status with { State = state, Error = error };

    /// <summary>A state with the head as it is now (the lag keeps growing while the follower waits).</summary>
    protected void Report(ProjectionState state, string? error, Position head) => _status = _status with { State = state, Error = error, Head = head };

    private TimeSpan Retrying(Exception error, ref TimeSpan delay)
    {
        if (_progressed)
            delay = FirstRetry;
        _progressed = false;
        var wait = delay;
        LogRetrying(Name, wait, error.Message, error);
        Report(ProjectionState.Retrying, error.Message);
        delay = NextRetry(delay);
        return wait;
    }

    protected static TimeSpan NextRetry(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));

    private async Task WaitAsync(TimeSpan wait, CancellationToken stop)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stop, Volatile.Read(ref _wake).Token);
        try
        {
            await Task.Delay(wait, waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped, or restarted through Admin: the loop decides which.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follower {Follower} failed ({Error}); trying again in {Delay}")]
    private partial void LogRetrying(string follower, TimeSpan delay, string error, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follower {Follower} stopped at position {Position} on an event it cannot apply; it tries again later or when restarted")]
    private partial void LogFaulted(string follower, string position, Exception exception);
}
