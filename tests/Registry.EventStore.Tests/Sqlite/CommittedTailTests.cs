using System.Runtime.InteropServices;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStore.Tests.Sqlite;

/// <summary>Followers of the log take its newest events from memory: exactly what the file holds, none skipped.</summary>
public sealed class CommittedTailTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private SqliteEventStore Open(int tailCapacity) =>
        SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("log.db"), CommittedTailCapacity = tailCapacity });

    [Fact]
    public async Task A_follower_at_the_head_is_handed_the_appended_events_as_the_file_holds_them()
    {
        await using var store = Open(CommittedTail.DefaultCapacity);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var appended = new List<EventData>();
        var following = Follow(store, count: 200, stop.Token);

        for (var i = 0; i < 40; i++)
        {
            var events = TestEvents.Many(5);
            await store.AppendAsync(TestEvents.Stream(), ExpectedRevision.NoStream, events);
            appended.AddRange(events);
        }
        var followed = await following;

        AssertAsStored(followed, await store.ReadAllAsync(Direction.Forwards, Position.Start, 1_000).ToListAsync());
        // From memory: the very bytes that were appended, not a copy read back.
        Assert.All(followed.Zip(appended), pair => Assert.Same(ArrayOf(pair.Second.Data), ArrayOf(pair.First.Data)));
    }

    [Fact]
    public async Task A_follower_further_behind_than_the_tail_reads_the_file_and_then_memory_without_a_gap()
    {
        await using var store = Open(tailCapacity: 8);
        for (var i = 0; i < 30; i++)
            await store.AppendAsync(TestEvents.Stream(), ExpectedRevision.NoStream, TestEvents.Many(3));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var following = Follow(store, count: 130, stop.Token);
        for (var i = 0; i < 20; i++)
            await store.AppendAsync(TestEvents.Stream(), ExpectedRevision.NoStream, TestEvents.Many(2));
        var followed = await following;

        AssertAsStored(followed, await store.ReadAllAsync(Direction.Forwards, Position.Start, 1_000).ToListAsync());
    }

    private static async Task<List<RecordedEvent>> Follow(SqliteEventStore store, int count, CancellationToken cancellationToken)
    {
        var followed = new List<RecordedEvent>();
        await foreach (var message in store.SubscribeToAllAsync(null, null, cancellationToken))
        {
            if (message is SubscriptionMessage.EventAppeared { Recorded: var recorded })
                followed.Add(recorded);
            if (followed.Count == count)
                break;
        }
        return followed;
    }

    private static void AssertAsStored(List<RecordedEvent> followed, List<RecordedEvent> stored)
    {
        Assert.Equal(stored.Count, followed.Count);
        foreach (var (got, want) in followed.Zip(stored))
        {
            Assert.Equal((want.EventId, want.Stream, want.Revision, want.Position, want.Type, want.Created),
                (got.EventId, got.Stream, got.Revision, got.Position, got.Type, got.Created));
            Assert.Equal(want.Data.ToArray(), got.Data.ToArray());
            Assert.Equal(want.Metadata.ToArray(), got.Metadata.ToArray());
        }
    }

    private static byte[]? ArrayOf(ReadOnlyMemory<byte> memory) => MemoryMarshal.TryGetArray(memory, out var segment) ? segment.Array : null;

    public void Dispose() => _folder.Dispose();
}
