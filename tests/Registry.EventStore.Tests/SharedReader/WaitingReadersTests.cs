using Registry.EventStore.SharedReader;
using Waiter = Registry.EventStore.SharedReader.WaitingReaders.Waiter;

namespace Registry.EventStore.Tests.SharedReader;

/// <summary>
/// The index of waiting readers wakes exactly the waiters that asking every waiter's filter about every event
/// would wake: checked against that plain model over random waiters, filters (overlapping stream prefixes,
/// the same prefix twice, type prefixes, none), events, cancellations and a window moving on.
/// </summary>
public sealed class WaitingReadersTests
{
    private static readonly string[] Streams = ["p-a", "p-ab", "p-abc", "p-b", "q-1", "q-12", "r"];
    private static readonly string[] Types = ["A.v1", "B.v1"];
    private const long Distance = 16;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Wakes_the_waiters_a_check_of_every_filter_against_every_event_would(int seed)
    {
        var random = new Random(seed);
        var index = new WaitingReaders();
        var model = new List<Waiter>();
        long next = 0, first = 0;
        var woken = new List<Waiter>();

        for (var step = 0; step < 5_000; step++)
        {
            woken.Clear();
            switch (random.Next(10))
            {
                case < 4:
                    var waiter = new Waiter(random.NextInt64(first, next + 1), RandomFilter(random));
                    index.Add(waiter);
                    model.Add(waiter);
                    break;
                case < 8:
                    // The window announces the events since its last announcement, some older than a waiter that began later.
                    var sequence = Math.Max(first, next - random.Next(0, 4));
                    var recorded = Event(Streams[random.Next(Streams.Length)], Types[random.Next(Types.Length)], sequence);
                    index.TakeConcerned(recorded, sequence, woken);
                    AssertWoken(model, woken, w => sequence >= w.Sequence && (w.Filter is null || w.Filter.Matches(recorded.Stream, recorded.Type)));
                    next = Math.Max(next, sequence + 1);
                    break;
                case 8:
                    first = Math.Max(first, next - random.Next(20, 40));
                    index.TakeBehind(first, next, Distance, woken);
                    AssertWoken(model, woken, w => w.Sequence < first || next - 1 - w.Sequence >= Distance);
                    break;
                default:
                    if (model.Count == 0)
                        break;
                    var cancelled = model[random.Next(model.Count)];
                    Assert.True(index.Remove(cancelled));
                    Assert.False(index.Remove(cancelled));
                    model.Remove(cancelled);
                    break;
            }
            Assert.Equal(model.Count, index.Count);
        }

        Assert.Equal(model.ToHashSet(), index.TakeAll().ToHashSet());
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_waiter_under_two_prefixes_of_one_event_is_woken_once_and_leaves_every_list()
    {
        var index = new WaitingReaders();
        var waiter = new Waiter(0, SubscriptionFilter.OnStreamPrefix("p-", "p-a"));
        index.Add(waiter);
        var woken = new List<Waiter>();

        index.TakeConcerned(Event("p-ab", "A.v1", 0), 0, woken);
        index.TakeConcerned(Event("p-ab", "A.v1", 1), 1, woken);

        Assert.Equal([waiter], woken);
        Assert.Equal(0, index.Count);
    }

    private static void AssertWoken(List<Waiter> model, List<Waiter> woken, Func<Waiter, bool> concerned)
    {
        var expected = model.Where(concerned).ToHashSet();
        Assert.Equal(expected.Count, woken.Count);
        Assert.Equal(expected, woken.ToHashSet());
        model.RemoveAll(expected.Contains);
    }

    private static SubscriptionFilter? RandomFilter(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => SubscriptionFilter.OnEventTypePrefix(Types[random.Next(Types.Length)][..1]),
        2 => SubscriptionFilter.OnStreamPrefix("p-a", "p-a"),
        _ => SubscriptionFilter.OnStreamPrefix([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Prefix(random))]),
    };

    // Whole stream names, shorter prefixes of them, and a prefix no stream has.
    private static string Prefix(Random random)
    {
        var stream = Streams[random.Next(Streams.Length)];
        return random.Next(5) switch
        {
            0 => stream[..1],
            1 => stream[..Math.Min(2, stream.Length)],
            2 => "zz",
            _ => stream,
        };
    }

    private static RecordedEvent Event(string stream, string type, long sequence) =>
        new(Guid.NewGuid(), stream, sequence, Position.At((ulong)sequence + 1), type, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, DateTimeOffset.UnixEpoch);
}
