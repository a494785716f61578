using System.Text;
using Registry.EventStore;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Tests.Programs;

/// <summary>The decode cache the followers share: one decode per event instance, never a value for another instance.</summary>
public sealed class DecodedEventsTests
{
    [Fact]
    public void The_same_instance_is_decoded_once_and_an_equal_copy_is_decoded_again()
    {
        var cache = new DecodedEvents<string>();
        var recorded = Event(position: 42);
        var decodes = 0;
        string Decode(RecordedEvent e)
        {
            decodes++;
            return Encoding.UTF8.GetString(e.Data.Span);
        }

        var first = cache.GetOrDecode(recorded, Decode);
        var again = cache.GetOrDecode(recorded, Decode);
        var copy = cache.GetOrDecode(recorded with { }, Decode);

        Assert.Equal("payload-42", first);
        Assert.Same(first, again);
        Assert.Equal(2, decodes);
        Assert.Equal("payload-42", copy);
    }

    [Fact]
    public void Events_that_share_a_slot_replace_each_other_without_mixing_up_values()
    {
        var cache = new DecodedEvents<string>();
        var events = Enumerable.Range(1, 20_000).Select(i => Event((ulong)i)).ToList();
        foreach (var recorded in events)
            cache.Remember(recorded, $"value-{recorded.Position.Commit}");

        foreach (var recorded in events)
        {
            if (cache.TryGet(recorded, out var value))
                Assert.Equal($"value-{recorded.Position.Commit}", value);
        }
        Assert.True(cache.TryGet(events[^1], out _));
    }

    [Fact]
    public async Task Followers_asking_for_one_event_at_once_all_take_the_value_of_the_first()
    {
        var cache = new DecodedEvents<object>();
        var recorded = Event(position: 7);
        using var start = new Barrier(8);

        var askers = Enumerable.Range(0, 8)
            // Threads of their own: eight pool threads blocked at the barrier would wait for the pool to grow.
            .Select(_ => Task.Factory.StartNew(() =>
            {
                Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(30)), "the eight askers never met");
                return cache.GetOrAdd(recorded, _ => new object());
            }, TaskCreationOptions.LongRunning))
            .ToList();
        var taken = await Task.WhenAll(askers);

        Assert.All(taken, value => Assert.Same(taken[0], value));
        Assert.Same(taken[0], cache.GetOrAdd(recorded, _ => new object()));
    }

    private static RecordedEvent Event(ulong position) => new(Guid.NewGuid(), "program-p", (long)position, Position.At(position), "Test.v1",
        Encoding.UTF8.GetBytes($"payload-{position}"), Array.Empty<byte>(), DateTimeOffset.UnixEpoch);
}
