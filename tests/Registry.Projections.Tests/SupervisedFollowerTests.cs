using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore;
using Registry.Projections.Publishing;

namespace Registry.Projections.Tests;

/// <summary>
/// Followers never die silently: a store outage at any step shows as RETRYING with its error and ends by
/// itself when the store is back; an event that keeps failing is FAULTED, and is tried again later by itself
/// or at once when restarted.
/// </summary>
public sealed class SupervisedFollowerTests : IAsyncDisposable
{
    private readonly ProjectionTestKit _kit = new();

    [Fact]
    public async Task A_projection_shows_the_store_outage_as_retrying_and_is_live_at_the_head_again_by_itself()
    {
        var store = new OutageStore(_kit.Store);
        await _kit.AppendAsync("a", 10);
        var database = _kit.Database();
        await using var engine = new ProjectionEngine([new StreamCounts()], database, store, NullLogger<ProjectionEngine>.Instance, ProjectionTestKit.FastRetry);
        engine.Start();
        await ProjectionTestKit.UntilAsync(() => engine.Status("stream_counts") is { State: ProjectionState.Live, Checkpoint.Commit: 10 });

        store.GoDown();
        await ProjectionTestKit.UntilAsync(() => engine.Status("stream_counts").State == ProjectionState.Retrying);
        var during = engine.Status("stream_counts");
        await _kit.AppendAsync("a", 5);
        store.ComeBack();
        await ProjectionTestKit.UntilAsync(() => engine.Status("stream_counts") is { State: ProjectionState.Live, Checkpoint.Commit: 15 });

        Assert.Contains("test outage", during.Error, StringComparison.Ordinal);
        Assert.True(during.IsHealthy);
        Assert.Equal(15, ProjectionTestKit.ReadCounts(database)["a"]);
    }

    [Fact]
    public async Task A_publisher_shows_the_store_outage_as_retrying_and_then_publishes_everything_once()
    {
        var store = new OutageStore(_kit.Store);
        await _kit.AppendAsync("a", 10);
        var sink = new RecordingSink();
        var publisher = new LogPublisher(store, _kit.Database(), new EventSeenMapper(), sink, NullLogger<LogPublisher>.Instance);
        using var stop = new CancellationTokenSource();
        var running = publisher.RunAsync(stop.Token);
        await ProjectionTestKit.UntilAsync(() => publisher.Status.State == ProjectionState.Live && sink.Published.Length == 10);

        store.GoDown();
        await ProjectionTestKit.UntilAsync(() => publisher.Status.State == ProjectionState.Retrying);
        await _kit.AppendAsync("b", 5);
        store.ComeBack();
        await ProjectionTestKit.UntilAsync(() => publisher.Status is { State: ProjectionState.Live, Checkpoint.Commit: 15 });
        await stop.CancelAsync();
        await running;

        var log = await _kit.ReadLogAsync();
        Assert.Equal(log.Select(e => e.EventId), sink.Published.Select(m => ((EventSeen)m.Message).EventId));
        Assert.Equal(ProjectionState.Stopped, publisher.Status.State);
    }

    [Fact]
    public async Task A_faulted_projection_is_tried_again_later_by_itself_and_at_once_when_restarted()
    {
        await _kit.AppendAsync("a", 3);
        await _kit.AppendAsync("poison", 1, type: "Poison.v1");
        var curable = new CurableCounts();
        var database = _kit.Database();
        await using var engine = new ProjectionEngine([curable], database, _kit.Store, NullLogger<ProjectionEngine>.Instance,
            ProjectionTestKit.FastRetry, faultedRetryAfter: TimeSpan.FromMilliseconds(300));
        engine.Start();

        await ProjectionTestKit.UntilAsync(() => engine.Status(CurableCounts.ProjectionName).State == ProjectionState.Faulted);
        var faulted = engine.Status(CurableCounts.ProjectionName);
        var attemptsWhenFaulted = curable.Attempts;
        await ProjectionTestKit.UntilAsync(() => curable.Attempts > attemptsWhenFaulted);
        curable.Cured = true;
        Assert.True(engine.Restart(CurableCounts.ProjectionName));
        await ProjectionTestKit.UntilAsync(() => engine.Status(CurableCounts.ProjectionName) is { State: ProjectionState.Live, Checkpoint.Commit: 4 });

        Assert.Equal(ProjectionState.Faulted, faulted.State);
        Assert.Contains("Poison.v1", faulted.Error, StringComparison.Ordinal);
        Assert.False(engine.Restart("no-such-projection"));
    }

    [Fact]
    public async Task A_filtered_projection_is_live_at_the_head_when_the_log_moves_on_with_nothing_for_it()
    {
        var database = _kit.Database();
        var wanted = new FilteredCounts("wanted-");
        await using var engine = new ProjectionEngine([wanted], database, _kit.Store, NullLogger<ProjectionEngine>.Instance, ProjectionTestKit.FastRetry);
        engine.Start();
        await _kit.AppendAsync("wanted-a", 3);
        await ProjectionTestKit.UntilAsync(() => engine.Status(FilteredCounts.ProjectionName).Checkpoint.Commit == 3);

        await _kit.AppendAsync("other", 5);
        await ProjectionTestKit.UntilAsync(() => engine.Status(FilteredCounts.ProjectionName) is { State: ProjectionState.Live, Checkpoint.Commit: 8 });

        Assert.Equal(3, wanted.Applied);
    }

    public ValueTask DisposeAsync() => _kit.DisposeAsync();

    /// <summary>Counts the events of streams with a prefix; the subscription delivers no others.</summary>
    private sealed class FilteredCounts(string prefix) : ISqliteProjection
    {
        public const string ProjectionName = "filtered_counts";
        private int _applied;

        public int Applied => _applied;
        public string Name => ProjectionName;
        public int Version => 1;
        public SubscriptionFilter? Filter { get; } = SubscriptionFilter.OnStreamPrefix(prefix);
        public IReadOnlyList<string> Tables { get; } = ["counts"];

        public void CreateSchema(ProjectionContext context) =>
            context.Execute($"CREATE TABLE {context.Table("counts")} (stream TEXT PRIMARY KEY)");

        public void Apply(ProjectionContext context, RecordedEvent recorded) => Interlocked.Increment(ref _applied);
    }

    /// <summary>Fails on Poison.v1 until cured (a fix deployed, a dependency back): the same event failing again and again.</summary>
    private sealed class CurableCounts : ISqliteProjection
    {
        public const string ProjectionName = "curable_counts";
        private int _attempts;

        public volatile bool Cured;
        public int Attempts => _attempts;
        public string Name => ProjectionName;
        public int Version => 1;
        public SubscriptionFilter? Filter => null;
        public IReadOnlyList<string> Tables { get; } = ["counts"];

        public void CreateSchema(ProjectionContext context) =>
            context.Execute($"CREATE TABLE {context.Table("counts")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL)");

        public void Apply(ProjectionContext context, RecordedEvent recorded)
        {
            if (recorded.Type == "Poison.v1" && !Cured)
            {
                Interlocked.Increment(ref _attempts);
                throw new InvalidOperationException("cannot digest this yet");
            }
            context.Execute($"INSERT INTO {context.Table("counts")} (stream, events) VALUES ($s, 1) ON CONFLICT(stream) DO UPDATE SET events = events + 1",
                ("$s", recorded.Stream));
        }
    }
}
