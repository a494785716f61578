using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore;
using Registry.EventStoreDb.Connection;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Streams;
using Position = Registry.EventStore.Position;

namespace Registry.EventStoreDb;

/// <summary>
/// The store port on an EventStoreDB (KurrentDB) node or cluster, over its gRPC API. Appends and each page of
/// a read run within the connection string's default deadline and follow the leader; subscriptions
/// resubscribe from the last event (or checkpoint) they delivered whenever the node drops them.
/// </summary>
public sealed class EventStoreDbStore : IEventStore, IStoreHealth
{
    /// <summary>How long the outcome of the last call stands for the store's health before a probe asks again.</summary>
    private static readonly TimeSpan OutcomeFreshness = TimeSpan.FromSeconds(1);

    /// <summary>How long a health probe waits for a leader.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Events fetched per read call.</summary>
    internal const int PageSize = 512;

    private readonly NodeConnection _connection;
    private readonly NodeCalls _calls;

    /// <param name="logger">Hears of leader changes, rediscoveries and resubscriptions.</param>
    public EventStoreDbStore(EventStoreDbSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _connection = new NodeConnection(settings, logger ?? NullLogger.Instance);
        _calls = new NodeCalls(_connection);
    }

    public static EventStoreDbStore Connect(string connectionString) => new(ConnectionString.Parse(connectionString));

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
            throw new ArgumentException("An append names the same event id twice.", nameof(events));
        var messages = events.Select(ToProposed).ToList();
        var options = WireRevisions.AppendOptions(stream, expected);

        var response = await _calls.RunAsync(async (streams, callOptions) =>
        {
            using var call = streams.Append(callOptions);
            try
            {
                await call.RequestStream.WriteAsync(new AppendReq { Options = options }, cancellationToken);
                foreach (var message in messages)
                    await call.RequestStream.WriteAsync(new AppendReq { ProposedMessage = message }, cancellationToken);
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or IOException)
            {
                // The node answered before taking every message (a follower naming the leader, a refused caller), or
                // went away mid-append, and the stream it closed failed the write: the call's own outcome, below,
                // says why (as a status NodeCalls knows how to retry), not the broken write.
            }
            return await call.ResponseAsync;
        }, stream, expected, cancellationToken);

        if (response.ResultCase == AppendResp.ResultOneofCase.WrongExpectedVersion)
            throw new WrongExpectedRevisionException(stream, expected, WireRevisions.CurrentRevision(response.WrongExpectedVersion));
        var success = response.Success;
        return new AppendResult((long)success.CurrentRevision, new Position(success.Position.CommitPosition, success.Position.PreparePosition));
    }

    private static AppendReq.Types.ProposedMessage ToProposed(EventData e)
    {
        var message = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.Structured(e.EventId),
            Data = ByteString.CopyFrom(e.Data.Span),
            CustomMetadata = ByteString.CopyFrom(e.Metadata.Span),
        };
        message.Metadata[EventProperties.Type] = e.Type;
        message.Metadata[EventProperties.ContentType] = EventProperties.ContentTypeOf(e.Data);
        return message;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (direction == Direction.Forwards)
            fromRevision = Math.Max(fromRevision, 0);
        var remaining = maxCount;
        while (remaining > 0 && fromRevision >= 0)
        {
            var count = (int)Math.Min(remaining, PageSize);
            var page = await ReadPageAsync(WireReads.Stream(stream, direction, fromRevision, (ulong)count), stream, cancellationToken);
            foreach (var recorded in page)
                yield return recorded;
            if (page.Count < count)
                yield break;
            remaining -= page.Count;
            fromRevision = direction == Direction.Forwards ? page[^1].Revision + 1 : page[^1].Revision - 1;
        }
    }

    /// <remarks>
    /// EventStoreDB reads $all forwards from a position including the event there, and backwards from a
    /// position excluding it; the port includes it both ways, so a backward read first looks at that one event.
    /// </remarks>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var remaining = maxCount;
        var position = from;
        var skip = (Position?)null;
        if (direction == Direction.Backwards && from != Position.End && remaining > 0)
        {
            var at = await ReadPageAsync(WireReads.All(Direction.Forwards, from, 1, null), null, cancellationToken);
            if (at is [var exact] && exact.Position == from && !WireReads.IsSystem(exact))
            {
                yield return exact;
                remaining--;
            }
        }
        while (remaining > 0)
        {
            // Backwards, a page asks for no more than is still wanted (the head is a one-event read after every
            // batch of every follower). Forwards it stays full: a page repeats the event it starts from.
            var count = direction == Direction.Backwards ? (ulong)Math.Min(remaining, PageSize) : (ulong)PageSize;
            var page = await ReadPageAsync(WireReads.All(direction, position, count, null), null, cancellationToken);
            foreach (var recorded in page)
            {
                if (recorded.Position == skip || WireReads.IsSystem(recorded))
                    continue;
                yield return recorded;
                if (--remaining == 0)
                    yield break;
            }
            if ((ulong)page.Count < count)
                yield break;
            // Forwards, the next page starts at the last event read, which it includes: skip it there.
            position = page[^1].Position;
            skip = direction == Direction.Forwards ? position : null;
        }
    }

    private Task<List<RecordedEvent>> ReadPageAsync(ReadReq request, string? stream, CancellationToken cancellationToken) =>
        _calls.RunAsync(async (streams, options) =>
        {
            using var call = streams.Read(request, options);
            var page = new List<RecordedEvent>();
            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                // A missing stream reads empty; other kinds (first/last stream position) say nothing the port needs.
                if (response.ContentCase == ReadResp.ContentOneofCase.Event)
                    page.Add(WireReads.ToRecorded(response.Event));
            }
            return page;
        }, stream, null, cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null, CancellationToken cancellationToken = default) =>
        new CatchUpSubscription(_connection, CatchUpSubscription.Target.All(checkpoint, filter)).RunAsync(cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return new CatchUpSubscription(_connection, CatchUpSubscription.Target.Stream(stream, afterRevision)).RunAsync(cancellationToken);
    }

    public async Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var last in ReadAllAsync(Direction.Backwards, Position.End, 1, cancellationToken))
            return last.Position;
        return Position.Start;
    }

    /// <summary>From the last call's outcome while it is recent; otherwise a read of the head, bounded by a short timeout.</summary>
    public async Task<StoreReachability> CheckReachableAsync(CancellationToken cancellationToken = default)
    {
        var last = _connection.LastOutcome;
        if (DateTime.UtcNow - last.At < OutcomeFreshness)
            return Reachability(last);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            await ReadHeadAsync(probe.Token);
        }
        catch (Exception e) when (e is EventStoreUnavailableException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The connection recorded why; the probe's own failure (unavailable or timed out) says less.
        }
        return Reachability(_connection.LastOutcome);
    }

    private static StoreReachability Reachability(NodeConnection.Outcome outcome) =>
        new(outcome.Served, outcome.Served ? outcome.Description : $"No EventStoreDB leader is reachable: {outcome.Description}");

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
