using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Streams;
using static Registry.EventStoreDb.Wire.Streams.ReadReq.Types.Options.Types;
using Position = Registry.EventStore.Position;
using ReadOptions = Registry.EventStoreDb.Wire.Streams.ReadReq.Types.Options;

namespace Registry.EventStoreDb.Conformance;

/// <summary><c>event_store.client.streams.Streams</c> over the embedded store: appends, reads and subscriptions.</summary>
public sealed class StreamsService(IEventStore store, NodeGate gate) : Streams.StreamsBase
{
    private readonly Appender _appender = new(store);

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        gate.Admit(context, write: false);
        var options = request.Options ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "options: required."));
        var reply = new Replies(responseStream, options.UuidOption?.ContentCase == UUIDOption.ContentOneofCase.String);
        var subscribe = options.CountOptionCase == ReadOptions.CountOptionOneofCase.Subscription;
        switch (options.StreamOptionCase)
        {
            case ReadOptions.StreamOptionOneofCase.Stream when subscribe:
                await SubscribeToStreamAsync(options.Stream, reply, context.CancellationToken);
                break;
            case ReadOptions.StreamOptionOneofCase.Stream:
                await ReadStreamAsync(options, reply, context.CancellationToken);
                break;
            case ReadOptions.StreamOptionOneofCase.All when subscribe:
                await SubscribeToAllAsync(options, reply, context.CancellationToken);
                break;
            case ReadOptions.StreamOptionOneofCase.All:
                await ReadAllAsync(options, reply, context.CancellationToken);
                break;
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, "options.stream_option: a stream or $all is required."));
        }
    }

    private async Task ReadStreamAsync(ReadOptions options, Replies reply, CancellationToken cancellationToken)
    {
        var stream = StreamNames.Name(options.Stream.StreamIdentifier);
        var backwards = options.ReadDirection == ReadOptions.Types.ReadDirection.Backwards;
        var from = options.Stream.RevisionOptionCase switch
        {
            StreamOptions.RevisionOptionOneofCase.Revision => (long)Math.Min(options.Stream.Revision, long.MaxValue),
            StreamOptions.RevisionOptionOneofCase.End => backwards ? long.MaxValue : -1,
            _ => backwards ? -1 : 0,
        };
        var sent = 0L;
        if (from >= 0)
        {
            var direction = backwards ? Direction.Backwards : Direction.Forwards;
            await foreach (var recorded in store.ReadStreamAsync(stream, direction, from, Count(options), cancellationToken))
            {
                await reply.EventAsync(recorded, cancellationToken);
                sent++;
            }
        }
        if (sent == 0 && await store.LastRevisionAsync(stream, cancellationToken) is null)
            await reply.WriteAsync(new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = StreamNames.Identifier(stream) } }, cancellationToken);
    }

    private async Task ReadAllAsync(ReadOptions options, Replies reply, CancellationToken cancellationToken)
    {
        var filter = ReadFilter.From(options.Filter);
        var backwards = options.ReadDirection == ReadOptions.Types.ReadDirection.Backwards;
        var count = Count(options);
        // Forwards from a position includes the event there; backwards from a position starts before it.
        (Position? From, Position? ExclusiveEnd) range = options.All.AllOptionCase switch
        {
            AllOptions.AllOptionOneofCase.Position => (ToPosition(options.All.Position), backwards ? ToPosition(options.All.Position) : null),
            AllOptions.AllOptionOneofCase.End => (backwards ? Position.End : null, null),
            _ => (backwards ? null : Position.Start, null),
        };
        var (from, exclusiveEnd) = range;
        if (from is null || count == 0)
            return;
        var sent = 0L;
        await foreach (var recorded in store.ReadAllAsync(backwards ? Direction.Backwards : Direction.Forwards, from.Value, long.MaxValue, cancellationToken))
        {
            if (recorded.Position >= exclusiveEnd || filter?.Matches(recorded) == false)
                continue;
            await reply.EventAsync(recorded, cancellationToken);
            if (++sent == count)
                break;
        }
    }

    private async Task SubscribeToStreamAsync(StreamOptions options, Replies reply, CancellationToken cancellationToken)
    {
        var stream = StreamNames.Name(options.StreamIdentifier);
        long? after = options.RevisionOptionCase switch
        {
            StreamOptions.RevisionOptionOneofCase.Revision => (long)Math.Min(options.Revision, long.MaxValue),
            StreamOptions.RevisionOptionOneofCase.End => await store.LastRevisionAsync(stream, cancellationToken),
            _ => null,
        };
        using var live = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, gate.SubscriptionsDropped);
        await reply.ConfirmAsync(cancellationToken);
        await FollowAsync(store.SubscribeToStreamAsync(stream, after, live.Token), null, after ?? -1, reply, live.Token, cancellationToken);
    }

    private async Task SubscribeToAllAsync(ReadOptions options, Replies reply, CancellationToken cancellationToken)
    {
        var filter = ReadFilter.From(options.Filter);
        Position? after = options.All.AllOptionCase switch
        {
            AllOptions.AllOptionOneofCase.Position => ToPosition(options.All.Position),
            AllOptions.AllOptionOneofCase.End => await store.ReadHeadAsync(cancellationToken),
            _ => null,
        };
        using var live = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, gate.SubscriptionsDropped);
        await reply.ConfirmAsync(cancellationToken);
        await FollowAsync(store.SubscribeToAllAsync(after, cancellationToken: live.Token), filter, null, reply, live.Token, cancellationToken);
    }

    /// <summary>
    /// Relays a subscription. A filtered one reports a checkpoint every so many scanned events and at each
    /// arrival at the head, so a client can resume past events it was never sent. Caught-up marks say where:
    /// the stream revision reached (<paramref name="streamRevision"/> not null: a stream subscription) or the log position.
    /// </summary>
    private static async Task FollowAsync(IAsyncEnumerable<SubscriptionMessage> subscription, ReadFilter? filter, long? streamRevision,
        Replies reply, CancellationToken live, CancellationToken call)
    {
        var scanned = 0u;
        try
        {
            await foreach (var message in subscription.WithCancellation(live))
            {
                switch (message)
                {
                    case SubscriptionMessage.EventAppeared { Recorded: var recorded }:
                        if (filter is null || filter.Matches(recorded))
                            await reply.EventAsync(recorded, live);
                        if (streamRevision is not null)
                            streamRevision = recorded.Revision;
                        if (filter is not null && ++scanned >= filter.CheckpointInterval)
                        {
                            scanned = 0;
                            await reply.CheckpointAsync(recorded.Position, live);
                        }
                        break;
                    case SubscriptionMessage.CaughtUp caughtUp:
                        if (filter is not null)
                            await reply.CheckpointAsync(caughtUp.Head, live);
                        await reply.CaughtUpAsync(caughtUp.Head, streamRevision, live);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!call.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The subscription was dropped by the server."));
        }
    }

    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        gate.Admit(context, write: true);
        AppendReq.Types.Options? options = null;
        var events = new List<EventData>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (options is null)
                options = request.Options ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of an append must carry its options."));
            else if (request.ProposedMessage is { } proposed)
                events.Add(WireEvents.ToEventData(proposed.Id, proposed.Metadata, proposed.CustomMetadata, proposed.Data));
            else
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Only the first message of an append carries options."));
        }
        if (options is null)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "An append needs its options."));
        var expected = WireRevisions.FromAppendOptions(options);
        var outcome = await _appender.AppendAsync(StreamNames.Name(options.StreamIdentifier), expected, events, context.CancellationToken);
        return AppendReplies.ToAppendResp(outcome, expected);
    }

    public override async Task BatchAppend(IAsyncStreamReader<BatchAppendReq> requestStream, IServerStreamWriter<BatchAppendResp> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        gate.Admit(context, write: true);
        var pending = new Dictionary<Guid, (BatchAppendReq.Types.Options Options, List<EventData> Events)>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var correlation = Uuids.ToGuid(request.CorrelationId);
            if (!pending.TryGetValue(correlation, out var batch))
            {
                var options = request.Options ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of a batch must carry its options."));
                pending[correlation] = batch = (options, []);
            }
            foreach (var proposed in request.ProposedMessages)
                batch.Events.Add(WireEvents.ToEventData(proposed.Id, proposed.Metadata, proposed.CustomMetadata, proposed.Data));
            if (!request.IsFinal)
                continue;
            pending.Remove(correlation);
            var expected = WireRevisions.FromBatchOptions(batch.Options);
            var stream = StreamNames.Name(batch.Options.StreamIdentifier);
            var outcome = await _appender.AppendAsync(stream, expected, batch.Events, context.CancellationToken);
            await responseStream.WriteAsync(AppendReplies.ToBatchAppendResp(request.CorrelationId, batch.Options, outcome, expected), context.CancellationToken);
        }
    }

    private static long Count(ReadOptions options) => options.CountOptionCase == ReadOptions.CountOptionOneofCase.Count
        ? (long)Math.Min(options.Count, long.MaxValue)
        : long.MaxValue;

    private static Position ToPosition(ReadOptions.Types.Position position) => new(position.CommitPosition, position.PreparePosition);

    /// <summary>The replies of one Read call.</summary>
    private sealed class Replies(IServerStreamWriter<ReadResp> responses, bool idsAsStrings)
    {
        public Task WriteAsync(ReadResp response, CancellationToken cancellationToken) => responses.WriteAsync(response, cancellationToken);

        public Task EventAsync(RecordedEvent recorded, CancellationToken cancellationToken) =>
            responses.WriteAsync(WireEvents.ToReadResp(recorded, idsAsStrings), cancellationToken);

        public Task ConfirmAsync(CancellationToken cancellationToken) => responses.WriteAsync(
            new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString("D") } }, cancellationToken);

        public Task CaughtUpAsync(Position head, long? streamRevision, CancellationToken cancellationToken)
        {
            var caughtUp = new ReadResp.Types.CaughtUp { Timestamp = Timestamp.FromDateTime(DateTime.UtcNow) };
            if (streamRevision is { } revision)
            {
                if (revision >= 0)
                    caughtUp.StreamRevision = revision;
            }
            else
            {
                caughtUp.Position = new ReadResp.Types.Position { CommitPosition = head.Commit, PreparePosition = head.Prepare };
            }
            return responses.WriteAsync(new ReadResp { CaughtUp = caughtUp }, cancellationToken);
        }

        public Task CheckpointAsync(Position position, CancellationToken cancellationToken) => responses.WriteAsync(
            new ReadResp { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = position.Commit, PreparePosition = position.Prepare } }, cancellationToken);
    }
}
