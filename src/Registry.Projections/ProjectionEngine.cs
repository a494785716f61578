using Microsoft.Extensions.Logging;
using Polly;
using Registry.EventStore;

namespace Registry.Projections;

/// <summary>
/// Runs every SQLite projection: the live generation follows the log; a rebuild builds a new generation from
/// position 0 beside it and is swapped in, in one transaction, once it has caught up with the live one.
/// A projection whose version changed is rebuilt at start. One projection failing stops only itself.
/// </summary>
public sealed partial class ProjectionEngine : IAsyncDisposable
{
    /// <summary>
    /// The pause between two batches of a projection that are not full, longer than a publisher's: what a
    /// transaction of the read models costs is mostly the pages it rewrites (a programme's row and its claims'
    /// index page, the audit tree's), and a longer batch rewrites each of them once for more events. At
    /// 11,000-14,000 commands/s (bench/commands.sh), 100 ms against 30 ms: the read-model writer 24 us of CPU per
    /// command instead of 28, the whole server 102-103 instead of 113-120. A read that waits for its own write
    /// cuts the pause short (<see cref="Hurry"/>); a quiet log is still applied at once.
    /// </summary>
    public static readonly TimeSpan DefaultBatchInterval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, Slot> _slots;
    private readonly ReadModelDatabase _database;
    private readonly IEventStore _store;
    private readonly ResiliencePipeline _retry;
    private readonly TimeSpan _faultedRetryAfter;
    private readonly TimeSpan _batchInterval;
    private readonly ILogger<ProjectionEngine> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <param name="faultedRetryAfter">How long a faulted projection waits before it tries again by itself (default 30 s).</param>
    /// <param name="batchInterval">The pause between two batches that are not full (<see cref="DefaultBatchInterval"/>).</param>
    public ProjectionEngine(IEnumerable<ISqliteProjection> projections, ReadModelDatabase database, IEventStore store,
        ILogger<ProjectionEngine> logger, ResiliencePipeline? retry = null, TimeSpan? faultedRetryAfter = null, TimeSpan? batchInterval = null)
    {
        _faultedRetryAfter = faultedRetryAfter ?? TimeSpan.FromSeconds(30);
        _batchInterval = batchInterval ?? DefaultBatchInterval;
        _slots = projections.ToDictionary(p => p.Name, p => new Slot(p), StringComparer.Ordinal);
        _database = database;
        _store = store;
        _logger = logger;
        _retry = retry ?? ProjectionRunner.DefaultRetry;
    }

    public void Start()
    {
        using var connection = _database.Open();
        foreach (var slot in _slots.Values)
        {
            var projection = slot.Projection;
            var live = ProjectionCatalog.Live(connection, projection.Name);
            foreach (var abandoned in ProjectionCatalog.Abandoned(connection, projection.Name, live?.Generation ?? 0))
                ProjectionCatalog.DropGeneration(connection, projection, abandoned);

            if (live is null)
            {
                var generation = ProjectionCatalog.CreateGeneration(connection, projection);
                using (var transaction = connection.BeginTransaction())
                {
                    ProjectionCatalog.MakeLive(connection, transaction, projection, generation);
                    transaction.Commit();
                }
                StartLive(slot, generation);
            }
            else if (live.Value.Version != projection.Version)
            {
                LogVersionChanged(projection.Name, live.Value.Version, projection.Version);
                slot.StaleGeneration = live.Value.Generation;
                StartRebuild(slot);
            }
            else
            {
                StartLive(slot, live.Value.Generation);
            }
        }
    }

    /// <summary>The live generation of every projection, and any rebuild under way.</summary>
    public IReadOnlyList<ProjectionStatus> Statuses()
    {
        var statuses = new List<ProjectionStatus>();
        foreach (var slot in _slots.Values)
        {
            lock (slot)
            {
                if (slot.Live is { } live)
                    statuses.Add(live.Runner.Status);
                else if (slot.StaleGeneration is { } stale)
                    statuses.Add(new ProjectionStatus(slot.Projection.Name, stale, ProjectionState.Rebuilding, Position.Start, Position.Start,
                        "Version changed: the stale generation is served until the rebuild is swapped in."));
                if (slot.Rebuild is { } rebuild)
                    statuses.Add(rebuild.Runner.Status);
            }
        }
        return statuses;
    }

    public ProjectionStatus Status(string name) => Statuses().First(s => s.Name == name);

    /// <summary>Restarts the projection's running generations from their checkpoints at once (a faulted one need not wait); false when there is no such projection.</summary>
    public bool Restart(string name) => ForEachGeneration(name, static runner => runner.Restart());

    /// <summary>
    /// Someone waits for the projection's next commit (a read of its own write): its generations take the batch they
    /// have without pausing for more. False when there is no projection of that name.
    /// </summary>
    public bool Hurry(string name) => ForEachGeneration(name, static runner => runner.Hurry());

    /// <summary>Does <paramref name="action"/> to the projection's running generations (live and rebuilding); false when there is no such projection.</summary>
    private bool ForEachGeneration(string name, Action<ProjectionRunner> action)
    {
        if (!_slots.TryGetValue(name, out var slot))
            return false;
        lock (slot)
        {
            if (slot.Live is { } live)
                action(live.Runner);
            if (slot.Rebuild is { } rebuild)
                action(rebuild.Runner);
        }
        return true;
    }

    /// <summary>
    /// Waits until the projection's live generation has applied the log up to <paramref name="position"/>, hurrying
    /// it meanwhile (its commit is checked every 5 ms).
    /// </summary>
    public async Task UntilAppliedAsync(string name, Position position, CancellationToken cancellationToken)
    {
        while (Status(name).Checkpoint < position)
        {
            Hurry(name);
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rebuilds a projection from position 0 into a new generation, swaps it in when it has caught up, and
    /// drops the old one. Completes when the swap is done; throws when the rebuild failed.
    /// </summary>
    public Task RebuildAsync(string name)
    {
        if (!_slots.TryGetValue(name, out var slot))
            throw new ArgumentException($"No projection named '{name}'.", nameof(name));
        lock (slot)
        {
            if (slot.Rebuild is { } running)
                return running.Swapped.Task;
        }
        return StartRebuild(slot);
    }

    private void StartLive(Slot slot, long generation)
    {
        var runner = new ProjectionRunner(slot.Projection, generation, _database, _store, _retry, _logger)
        {
            FaultedRetryAfter = _faultedRetryAfter,
            BatchInterval = _batchInterval,
        };
        lock (slot)
            slot.Live = Run(runner, new TaskCompletionSource());
    }

    private Task StartRebuild(Slot slot)
    {
        long generation = 0;
        _database.WriteAsync(connection => generation = ProjectionCatalog.CreateGeneration(connection, slot.Projection)).GetAwaiter().GetResult();
        var swapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new ProjectionRunner(slot.Projection, generation, _database, _store, _retry, _logger)
        {
            Rebuilding = true,
            FaultedRetryAfter = _faultedRetryAfter,
            BatchInterval = _batchInterval,
            TrySwapIn = (connection, transaction, checkpoint, atHead) => TrySwapIn(slot, generation, connection, transaction, checkpoint, atHead),
            SwappedIn = () => _ = RetireOldGenerationAsync(slot, swapped),
            Faulted = status => swapped.TrySetException(new InvalidOperationException($"Rebuild of {slot.Projection.Name} failed: {status.Error}")),
        };
        // Held while starting, so that a rebuild that swaps in at once finds itself in the slot.
        lock (slot)
            slot.Rebuild = Run(runner, swapped);
        return swapped.Task;
    }

    /// <summary>Inside the rebuild's transaction: swap in once at the head and no older than the live generation.</summary>
    private static bool TrySwapIn(Slot slot, long generation, Microsoft.Data.Sqlite.SqliteConnection connection,
        Microsoft.Data.Sqlite.SqliteTransaction transaction, Position checkpoint, bool atHead)
    {
        if (!atHead)
            return false;
        var live = ProjectionCatalog.Live(connection, slot.Projection.Name);
        if (live is { } current && slot.StaleGeneration != current.Generation &&
            ProjectionCatalog.ReadCheckpoint(connection, slot.Projection.Name, current.Generation, transaction) > checkpoint)
            return false;
        ProjectionCatalog.MakeLive(connection, transaction, slot.Projection, generation);
        return true;
    }

    private async Task RetireOldGenerationAsync(Slot slot, TaskCompletionSource swapped)
    {
        Running? old;
        long? oldGeneration;
        lock (slot)
        {
            old = slot.Live;
            oldGeneration = old?.Runner.Generation ?? slot.StaleGeneration;
            slot.Live = slot.Rebuild;
            slot.Rebuild = null;
            slot.StaleGeneration = null;
        }
        if (old is not null)
        {
            await old.Stop.CancelAsync();
            await old.Task;
            old.Stop.Dispose();
        }
        if (oldGeneration is { } generation)
            await _database.WriteAsync(connection => ProjectionCatalog.DropGeneration(connection, slot.Projection, generation));
        swapped.TrySetResult();
    }

    private Running Run(ProjectionRunner runner, TaskCompletionSource swapped)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var task = Task.Run(() => runner.RunAsync(stop.Token));
        return new Running(runner, task, stop, swapped);
    }

    public async ValueTask DisposeAsync()
    {
        // Hosts may dispose twice (stop, then dispose after a failed start): only the first one stops anything.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync();
        foreach (var slot in _slots.Values)
        {
            Running?[] running;
            lock (slot)
                running = [slot.Live, slot.Rebuild];
            foreach (var run in running.OfType<Running>())
            {
                await run.Task;
                run.Stop.Dispose();
            }
        }
        _stopping.Dispose();
    }

    private sealed record Running(ProjectionRunner Runner, Task Task, CancellationTokenSource Stop, TaskCompletionSource Swapped);

    private sealed class Slot(ISqliteProjection projection)
    {
        public ISqliteProjection Projection { get; } = projection;
        public Running? Live { get; set; }
        public Running? Rebuild { get; set; }

        /// <summary>A generation built by an older version: served while its rebuild runs, never updated.</summary>
        public long? StaleGeneration { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} changed from version {Old} to {New}: rebuilding from the start of the log")]
    private partial void LogVersionChanged(string projection, int old, int @new);
}
