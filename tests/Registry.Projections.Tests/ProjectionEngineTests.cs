namespace Registry.Projections.Tests;

public sealed class ProjectionEngineTests : IAsyncDisposable
{
    private readonly ProjectionTestKit _kit = new();

    public ValueTask DisposeAsync() => _kit.DisposeAsync();

    [Fact]
    public async Task A_new_projection_catches_up_with_the_log_and_then_follows_it_live()
    {
        await _kit.AppendAsync("a", 30);
        await _kit.AppendAsync("b", 20);
        var database = _kit.Database();
        await using var engine = _kit.Engine(database, new StreamCounts());
        engine.Start();

        await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        await _kit.AppendAsync("a", 5);
        var status = await _kit.UntilCaughtUpAsync(engine, "stream_counts");

        Assert.Equal(new Dictionary<string, long> { ["a"] = 35, ["b"] = 20 }, ProjectionTestKit.ReadCounts(database));
        Assert.Equal(ProjectionState.Live, status.State);
        Assert.Equal(0UL, status.Lag);
    }

    [Fact]
    public async Task A_restarted_projection_resumes_from_its_checkpoint_without_applying_anything_twice()
    {
        await _kit.AppendAsync("a", 40);
        var database = _kit.Database();
        var first = new StreamCounts();
        await using (var engine = _kit.Engine(database, first))
        {
            engine.Start();
            await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        }
        await _kit.AppendAsync("a", 7);

        var second = new StreamCounts();
        await using (var engine = _kit.Engine(database, second))
        {
            engine.Start();
            await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        }

        Assert.Equal(40, first.Applied);
        Assert.Equal(7, second.Applied);
        Assert.Equal(47, ProjectionTestKit.ReadCounts(database)["a"]);
    }

    [Fact]
    public async Task A_projection_restarted_at_the_head_reports_live_without_a_new_event()
    {
        await _kit.AppendAsync("a", 5);
        var database = _kit.Database();
        await using (var engine = _kit.Engine(database, new StreamCounts()))
        {
            engine.Start();
            await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        }

        await using var restarted = _kit.Engine(database, new StreamCounts());
        restarted.Start();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (restarted.Status("stream_counts").State != ProjectionState.Live)
            await Task.Delay(10, timeout.Token);
        Assert.Equal(0UL, restarted.Status("stream_counts").Lag);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_then_stops_its_projection_visibly_while_others_go_on()
    {
        await _kit.AppendAsync("a", 3);
        await _kit.AppendAsync("poison", 1, type: "Poison.v1");
        await _kit.AppendAsync("a", 3);
        var failing = new FailingCounts();
        var database = _kit.Database();
        await using var engine = _kit.Engine(database, failing, new StreamCounts());
        engine.Start();

        var healthy = await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        ProjectionStatus faulted;
        do
        {
            faulted = engine.Status("failing_counts");
            await Task.Delay(10);
        }
        while (faulted.State != ProjectionState.Faulted);

        Assert.Equal(ProjectionState.Live, healthy.State);
        Assert.Contains("Poison.v1", faulted.Error, StringComparison.Ordinal);
        Assert.Equal(4, failing.Attempts);
        Assert.True(faulted.Lag > 0);
        Assert.Equal(0, ProjectionTestKit.Scalar(database, "SELECT count(*) FROM failing_counts_counts"));
    }

    [Fact]
    public async Task A_rebuild_runs_from_zero_beside_the_live_model_and_is_swapped_in_equal_to_it()
    {
        await _kit.AppendAsync("a", 100);
        await _kit.AppendAsync("b", 50);
        var database = _kit.Database();
        await using var engine = _kit.Engine(database, new StreamCounts());
        engine.Start();
        await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        var before = ProjectionTestKit.ReadCounts(database);

        var appending = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
                await _kit.AppendAsync("c", 5);
        });
        await engine.RebuildAsync("stream_counts");
        await appending;
        var status = await _kit.UntilCaughtUpAsync(engine, "stream_counts");

        Assert.Equal(2, status.Generation);
        Assert.Equal(ProjectionState.Live, status.State);
        Assert.Equal(before.Append(new KeyValuePair<string, long>("c", 100)).ToDictionary(), ProjectionTestKit.ReadCounts(database));
        Assert.Equal(0, ProjectionTestKit.Scalar(database, "SELECT count(*) FROM sqlite_master WHERE name = 'stream_counts_counts_g1'"));
    }

    [Fact]
    public async Task A_new_version_of_a_projection_is_rebuilt_at_start()
    {
        await _kit.AppendAsync("a", 10);
        var database = _kit.Database();
        await using (var engine = _kit.Engine(database, new StreamCounts(version: 1)))
        {
            engine.Start();
            await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        }

        await using (var engine = _kit.Engine(database, new StreamCounts(version: 2)))
        {
            engine.Start();
            do
                await Task.Delay(10);
            while (engine.Statuses().Any(s => s.State == ProjectionState.Rebuilding));
            await _kit.UntilCaughtUpAsync(engine, "stream_counts");
        }

        Assert.Equal(2, ProjectionTestKit.Scalar(database, "SELECT min(version) FROM stream_counts_counts"));
        Assert.Equal(10, ProjectionTestKit.ReadCounts(database)["a"]);
    }

    private sealed class FailingCounts : ISqliteProjection
    {
        private int _attempts;
        public int Attempts => _attempts;
        public string Name => "failing_counts";
        public int Version => 1;
        public EventStore.SubscriptionFilter? Filter => null;
        public IReadOnlyList<string> Tables { get; } = ["counts"];

        public void CreateSchema(ProjectionContext context) =>
            context.Execute($"CREATE TABLE {context.Table("counts")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL)");

        public void Apply(ProjectionContext context, EventStore.RecordedEvent recorded)
        {
            context.Execute($"INSERT INTO {context.Table("counts")} (stream, events) VALUES ($s, 1) ON CONFLICT(stream) DO UPDATE SET events = events + 1",
                ("$s", recorded.Stream));
            if (recorded.Type == "Poison.v1")
            {
                Interlocked.Increment(ref _attempts);
                throw new InvalidOperationException("cannot digest this");
            }
        }
    }
}
