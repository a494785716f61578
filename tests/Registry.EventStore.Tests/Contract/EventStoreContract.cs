namespace Registry.EventStore.Tests.Contract;

/// <summary>
/// What every store adapter must do, EventStoreDB's semantics: derive from this with a fresh store per test
/// class. Tests use their own streams, so they hold on a shared log too.
/// </summary>
public abstract partial class EventStoreContract : IAsyncLifetime
{
    protected IEventStore Store { get; private set; } = null!;

    /// <summary>A store that stays open for the test class's instance.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    private async Task<List<RecordedEvent>> ReadStream(string stream) =>
        await Store.ReadStreamAsync(stream, Direction.Forwards, 0, long.MaxValue).ToListAsync();

    [Fact]
    public async Task Appending_to_a_new_stream_gives_revision_0_and_a_position()
    {
        var stream = TestEvents.Stream();
        var head = await Store.ReadHeadAsync();

        var result = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [TestEvents.New()]);

        Assert.Equal(0, result.NextExpectedRevision);
        Assert.True(result.Position > head);
        var stored = Assert.Single(await ReadStream(stream));
        Assert.Equal(result.Position, stored.Position);
    }

    [Fact]
    public async Task A_batch_gets_consecutive_revisions_and_ascending_positions()
    {
        var stream = TestEvents.Stream();
        var events = TestEvents.Many(5);

        var result = await Store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        var stored = await ReadStream(stream);
        Assert.Equal(4, result.NextExpectedRevision);
        Assert.Equal(events.Select(e => e.EventId), stored.Select(e => e.EventId));
        Assert.Equal([0L, 1, 2, 3, 4], stored.Select(e => e.Revision));
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.Position < p.Second.Position));
        Assert.Equal(result.Position, stored[^1].Position);
    }

    [Fact]
    public async Task Data_metadata_type_and_record_time_come_back_as_written()
    {
        var stream = TestEvents.Stream();
        var written = TestEvents.New("Typed.v2", """{"turret_calibre_mm":120}""");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await Store.AppendAsync(stream, ExpectedRevision.Any, [written]);

        var stored = Assert.Single(await ReadStream(stream));
        Assert.Equal(written.EventId, stored.EventId);
        Assert.Equal(stream, stored.Stream);
        Assert.Equal("Typed.v2", stored.Type);
        Assert.Equal(written.Data.ToArray(), stored.Data.ToArray());
        Assert.Equal(written.Metadata.ToArray(), stored.Metadata.ToArray());
        Assert.InRange(stored.Created, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task No_stream_fails_once_the_stream_exists_and_reports_its_revision()
    {
        var stream = TestEvents.Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2));

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(stream, ExpectedRevision.NoStream, [TestEvents.New()]));

        Assert.Equal(1, error.Actual);
        Assert.Equal(2, (await ReadStream(stream)).Count);
    }

    [Fact]
    public async Task Stream_exists_fails_on_a_missing_stream()
    {
        var stream = TestEvents.Stream();

        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(stream, ExpectedRevision.StreamExists, [TestEvents.New()]));

        Assert.Null(error.Actual);
        Assert.Empty(await ReadStream(stream));
    }

    [Fact]
    public async Task Stream_exists_succeeds_on_an_existing_stream()
    {
        var stream = TestEvents.Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [TestEvents.New()]);

        var result = await Store.AppendAsync(stream, ExpectedRevision.StreamExists, [TestEvents.New()]);

        Assert.Equal(1, result.NextExpectedRevision);
    }

    [Fact]
    public async Task An_exact_revision_must_match_the_last_event()
    {
        var stream = TestEvents.Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));

        var ok = await Store.AppendAsync(stream, ExpectedRevision.Exact(2), [TestEvents.New()]);
        var stale = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(stream, ExpectedRevision.Exact(2), [TestEvents.New()]));
        var ahead = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(stream, ExpectedRevision.Exact(9), [TestEvents.New()]));

        Assert.Equal(3, ok.NextExpectedRevision);
        Assert.Equal(3, stale.Actual);
        Assert.Equal(3, ahead.Actual);
        Assert.Equal(4, (await ReadStream(stream)).Count);
    }

    [Fact]
    public async Task Any_appends_whatever_the_stream_holds()
    {
        var stream = TestEvents.Stream();

        await Store.AppendAsync(stream, ExpectedRevision.Any, [TestEvents.New()]);
        var second = await Store.AppendAsync(stream, ExpectedRevision.Any, [TestEvents.New()]);

        Assert.Equal(1, second.NextExpectedRevision);
    }

    [Theory]
    [InlineData("stream exists")]
    [InlineData("exact")]
    [InlineData("any")]
    public async Task A_retried_append_with_the_same_event_ids_succeeds_without_writing_twice(string expectation)
    {
        var stream = TestEvents.Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [TestEvents.New()]);
        var events = TestEvents.Many(3);
        var expected = expectation switch
        {
            "stream exists" => ExpectedRevision.StreamExists,
            "exact" => ExpectedRevision.Exact(0),
            _ => ExpectedRevision.Any,
        };
        var first = await Store.AppendAsync(stream, expected, events);
        var headAfterFirst = await Store.ReadHeadAsync();

        var retry = await Store.AppendAsync(stream, expected, events);

        Assert.Equal(first, retry);
        Assert.Equal(4, (await ReadStream(stream)).Count);
        Assert.Equal(headAfterFirst, await Store.ReadHeadAsync());
    }

    [Fact]
    public async Task A_retried_first_append_with_no_stream_is_idempotent()
    {
        var stream = TestEvents.Stream();
        var events = TestEvents.Many(2);
        var first = await Store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        var retry = await Store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        Assert.Equal(first, retry);
        Assert.Equal(2, (await ReadStream(stream)).Count);
    }

    [Fact]
    public async Task An_append_that_repeats_only_part_of_an_earlier_one_fails_whole()
    {
        var stream = TestEvents.Stream();
        var earlier = TestEvents.Many(3);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, earlier);

        await Assert.ThrowsAnyAsync<EventStoreException>(() =>
            Store.AppendAsync(stream, ExpectedRevision.Any, [earlier[0], earlier[1], TestEvents.New()]));

        Assert.Equal(earlier.Select(e => e.EventId), (await ReadStream(stream)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_retry_with_an_exact_revision_is_recognised_long_after_the_stream_moved_on()
    {
        var stream = TestEvents.Stream();
        var first = TestEvents.New();
        var result = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [first]);
        for (var i = 0; i < 5; i++)
            await Store.AppendAsync(stream, ExpectedRevision.Any, TestEvents.Many(50));

        var retry = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [first]);

        Assert.Equal(result, retry);
        Assert.Equal(251, (await ReadStream(stream)).Count);
    }

    [Fact]
    public async Task Many_parallel_writers_on_one_stream_get_exactly_one_winner_per_revision()
    {
        var stream = TestEvents.Stream();
        const int Revisions = 40;
        const int Writers = 16;
        var winners = new int[Revisions];

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var revision = 0; revision < Revisions; revision++)
            {
                var expected = revision == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision - 1);
                try
                {
                    await Store.AppendAsync(stream, expected, [TestEvents.New(data: $$"""{"writer":{{writer}}}""")]);
                    Interlocked.Increment(ref winners[revision]);
                }
                catch (WrongExpectedRevisionException)
                {
                    // Lost the race for this revision; wait until someone has won it.
                    while ((await ReadStream(stream)).Count <= revision)
                        await Task.Yield();
                }
            }
        })));

        Assert.All(winners, count => Assert.Equal(1, count));
        var events = await ReadStream(stream);
        Assert.Equal(Enumerable.Range(0, Revisions).Select(r => (long)r), events.Select(e => e.Revision));
    }

    [Fact]
    public async Task Parallel_appends_to_many_streams_all_land_without_holes_in_the_log()
    {
        var streams = Enumerable.Range(0, 32).Select(_ => TestEvents.Stream("parallel")).ToArray();
        var start = await Store.ReadHeadAsync();

        var results = await Task.WhenAll(streams.SelectMany(s => Enumerable.Range(0, 10).Select(_ => (s, e: TestEvents.New())))
            .Select(x => Task.Run(() => Store.AppendAsync(x.s, ExpectedRevision.Any, [x.e]))));

        foreach (var stream in streams)
            Assert.Equal(Enumerable.Range(0, 10).Select(r => (long)r), (await ReadStream(stream)).Select(e => e.Revision));
        Assert.Equal(320, results.Select(r => r.Position).Distinct().Count());
        var written = await Store.ReadAllAsync(Direction.Forwards, start, long.MaxValue).ToListAsync();
        Assert.Equal(320, written.Count(e => e.Stream.StartsWith("parallel-", StringComparison.Ordinal) && streams.Contains(e.Stream)));
    }
}
