using Registry.EventStore.Sqlite;

namespace Registry.EventStore.Tests.Sqlite;

/// <summary>The writer remembers each stream's most recent events (to recognise retries): the last RecentWindow, oldest first.</summary>
public sealed class StreamStateTests
{
    private static StoredEvent[] Events(long from, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new StoredEvent(Guid.NewGuid(), from + i, 1000 + from + i))];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(127, 1)]
    [InlineData(100, 60)]
    [InlineData(3, 200)]
    [InlineData(300, 2)]
    public void Appending_keeps_the_last_events_oldest_first(int before, int appended)
    {
        var earlier = Events(0, before);
        var added = Events(before, appended);

        var state = new StreamState(before - 1, earlier).With(added);

        Assert.Equal(earlier.Concat(added).TakeLast(StreamState.RecentWindow), state.Recent);
        Assert.Equal(before + appended - 1, state.Revision);
    }

    [Fact]
    public void A_retry_is_found_among_the_recent_events_from_its_first_event_on()
    {
        var events = Events(0, 10);
        var state = new StreamState(9, events);

        Assert.Equal(events.Skip(4), state.RecentFrom(events[4].EventId));
        Assert.Null(state.RecentFrom(Guid.NewGuid()));
    }

    [Fact]
    public void Every_event_in_the_window_is_found_as_the_start_of_a_retry_and_none_before_it()
    {
        var events = Events(0, 300);
        var state = new StreamState(0, events[..1]);
        for (var next = 1; next < events.Length; next += 7)
            state = state.With(events[next..Math.Min(next + 7, events.Length)]);
        var window = events.TakeLast(StreamState.RecentWindow).ToArray();

        for (var i = 0; i < window.Length; i++)
            Assert.Equal(window.Skip(i), state.RecentFrom(window[i].EventId));
        foreach (var older in events.SkipLast(StreamState.RecentWindow))
            Assert.Null(state.RecentFrom(older.EventId));
    }

    [Fact]
    public void States_made_append_by_append_each_keep_their_own_window_and_a_branch_leaves_them_as_they_were()
    {
        var events = Events(0, 400);
        var states = new List<StreamState> { new(0, events[..1]) };
        for (var next = 1; next < events.Length;)
        {
            var size = Math.Min(1 + (next % 4), events.Length - next);
            states.Add(states[^1].With(events[next..(next + size)]));
            next += size;
        }
        // A second branch from a state in the middle (a batch that will not commit) must not show in the others.
        var branch = states[50].With(Events(states[50].Revision + 1, 20));

        foreach (var state in states)
            Assert.Equal(events.Take((int)state.Revision + 1).TakeLast(StreamState.RecentWindow), state.Recent);
        Assert.Equal(states[50].Revision + 20, branch.Revision);
    }

    [Fact]
    public void A_state_whose_next_events_went_to_a_batch_that_failed_appends_its_own()
    {
        var events = Events(0, 40);
        var committed = new StreamState(9, events[..10]);
        // A batch appends after the committed state and rolls back; the next batch appends other events to the same state.
        var failed = committed.With(Events(10, 3)).With(Events(13, 10));
        var next = committed.With(events[10..12]).With(events[12..40]);

        Assert.Equal(events[..10], committed.Recent);
        Assert.Equal(events, next.Recent);
        Assert.Equal(events[..10], failed.Recent.Take(10));
        Assert.DoesNotContain(failed.Recent.Skip(10), e => events.Contains(e));
        Assert.Equal(23, failed.Recent.Count);
    }
}
