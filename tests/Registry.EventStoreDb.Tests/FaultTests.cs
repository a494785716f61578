using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb.Tests;

/// <summary>What happens to Registry.EventStoreDb when the node misbehaves: drops, restarts, silence, absence.</summary>
public sealed class FaultTests
{
    private const string ReadPath = "/event_store.client.streams.Streams/Read";

    [Fact]
    public async Task Subscriptions_dropped_mid_stream_resume_from_their_checkpoint_without_gap_or_duplicate()
    {
        await using var node = await TestNode.StartAsync();
        await using var store = EventStoreDbStore.Connect(node.ConnectionString());
        var prefix = $"dropped{Guid.NewGuid():N}-";
        for (var i = 0; i < 5; i++)
            await store.AppendAsync($"{prefix}{i}", ExpectedRevision.NoStream, Subscriptions.Events(200));
        var readsBefore = node.Server.Calls.Count(ReadPath);

        // Drops while live, each followed by appends the node makes while the client is away: the client must
        // fetch them on resubscribing, from the last event it delivered, neither again nor skipping any. (A drop
        // during catch-up is milder: the client still holds what the dropped call had sent.)
        var delivered = await Subscriptions.CollectAsync(store.SubscribeToAllAsync(null, SubscriptionFilter.OnStreamPrefix(prefix)), 1400, async count =>
        {
            switch (count)
            {
                case 1000:
                    await store.AppendAsync($"{prefix}live-1", ExpectedRevision.NoStream, Subscriptions.Events(200));
                    break;
                case 1100:
                case 1300:
                    node.Server.DropSubscriptions();
                    await store.AppendAsync($"{prefix}live-{count}", ExpectedRevision.NoStream, Subscriptions.Events(100));
                    break;
            }
        });

        var expected = new List<Guid>();
        await foreach (var e in node.Server.Store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
        {
            if (e.Stream.StartsWith(prefix, StringComparison.Ordinal))
                expected.Add(e.EventId);
        }
        Assert.Equal(1400, expected.Count);
        Assert.Equal(expected, delivered.Select(e => e.EventId));
        Assert.True(node.Server.Calls.Count(ReadPath) - readsBefore >= 3, "each drop must have been followed by a new subscription call");
    }

    [Fact]
    public async Task A_stream_subscription_survives_the_node_going_down_and_coming_back()
    {
        await using var node = await TestNode.StartAsync();
        await using var store = EventStoreDbStore.Connect(node.ConnectionString());
        var stream = $"restarted-{Guid.NewGuid():N}";
        var before = Subscriptions.Events(50);
        var after = Subscriptions.Events(50);
        await store.AppendAsync(stream, ExpectedRevision.NoStream, before);

        var delivered = await Subscriptions.CollectAsync(store.SubscribeToStreamAsync(stream, null), 100, async count =>
        {
            if (count != 50)
                return;
            await node.StopAsync();
            await node.RestartAsync();
            // Written through the same client: its append reconnects too.
            await store.AppendAsync(stream, ExpectedRevision.Exact(49), after);
        });

        Assert.Equal(before.Concat(after).Select(e => e.EventId), delivered.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(0, 100).Select(r => (long)r), delivered.Select(e => e.Revision));
    }

    [Fact]
    public async Task A_subscription_whose_stream_the_node_resets_subscribes_again()
    {
        var streams = new ResettingStreams();
        await using var node = await ScriptedNode.StartAsync(streams);
        await using var store = EventStoreDbStore.Connect($"esdb://127.0.0.1:{node.Port}?tls=false");

        var delivered = await Subscriptions.CollectAsync(store.SubscribeToStreamAsync("reset", null), 2);

        Assert.Equal([0L, 1L], delivered.Select(e => e.Revision));
        Assert.Equal(2, streams.Calls);
    }

    /// <summary>Resets the HTTP/2 stream of the first subscription (the client sees it break mid-call); serves the second.</summary>
    public sealed class ResettingStreams : Streams.StreamsBase
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
        {
            await responseStream.WriteAsync(new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = "reset" } });
            if (Interlocked.Increment(ref _calls) == 1)
            {
                context.GetHttpContext().Abort();
                return;
            }
            for (var revision = 0UL; revision < 2; revision++)
                await responseStream.WriteAsync(Event(revision));
            await Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken);
        }

        private static ReadResp Event(ulong revision)
        {
            var recorded = new ReadResp.Types.ReadEvent.Types.RecordedEvent
            {
                Id = Uuids.Structured(Guid.NewGuid()),
                StreamIdentifier = StreamNames.Identifier("reset"),
                StreamRevision = revision,
                Data = ByteString.CopyFromUtf8("{}"),
            };
            recorded.Metadata[EventProperties.Type] = "Reset.v1";
            return new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = recorded } };
        }
    }

    [Fact]
    public async Task A_refused_connection_gives_a_clear_unavailable_error_within_the_deadline()
    {
        var port = FreePort();
        await using var store = EventStoreDbStore.Connect($"esdb://127.0.0.1:{port}?tls=false&defaultDeadline=1500");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.AppendAsync("nowhere", ExpectedRevision.Any, Subscriptions.Events(1)));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unavailable", error.Message, StringComparison.Ordinal);
        // Not a speed check: a generous bound that only a client ignoring its deadline would miss.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_node_that_accepts_but_never_answers_fails_the_call_at_its_deadline()
    {
        // A TCP listener that accepts connections and says nothing: no HTTP/2, no gRPC, only silence.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (true)
                accepted.Add(await silent.AcceptSocketAsync());
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var store = EventStoreDbStore.Connect($"esdb://127.0.0.1:{port}?tls=false&defaultDeadline=1000");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(async () =>
        {
            await foreach (var _ in store.ReadStreamAsync("silence", Direction.Forwards, 0, 10))
            {
            }
        });

        Assert.Contains("deadline", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        silent.Stop();
        foreach (var socket in accepted)
            socket.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
