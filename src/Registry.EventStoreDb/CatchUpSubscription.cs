using System.Runtime.CompilerServices;
using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Connection;
using Registry.EventStoreDb.Wire.Streams;
using Position = Registry.EventStore.Position;

namespace Registry.EventStoreDb;

/// <summary>
/// A subscription that outlives the calls carrying it: when the node drops one (restart, failover, network),
/// it subscribes again from the last event delivered, or the last checkpoint the node sent, so the caller
/// sees every event once, in order. It ends only by cancellation or an error that retrying cannot mend.
/// </summary>
internal sealed class CatchUpSubscription(NodeConnection connection, CatchUpSubscription.Target target)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>What to follow and where it stands: the resume point moves with every event and checkpoint.</summary>
    internal sealed class Target
    {
        private Target(string? stream, SubscriptionFilter? filter)
        {
            StreamName = stream;
            Filter = filter;
        }

        public string? StreamName { get; }
        public SubscriptionFilter? Filter { get; }
        public Position? After { get; set; }
        public long? AfterRevision { get; set; }

        public static Target All(Position? after, SubscriptionFilter? filter) => new(null, filter) { After = after };

        public static Target Stream(string stream, long? afterRevision) => new(stream, null) { AfterRevision = afterRevision };

        public ReadReq Request() => StreamName is { } stream
            ? WireReads.StreamSubscription(stream, AfterRevision)
            : WireReads.All(Direction.Forwards, After, null, Filter);
    }

    public async IAsyncEnumerable<SubscriptionMessage> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = connection.Settings.DiscoveryInterval;
        while (true)
        {
            var channel = await connection.CurrentAsync(DateTime.UtcNow + connection.Settings.GossipTimeout * 2, cancellationToken);
            var node = channel.Endpoint;
            using var call = channel.Streams.Read(target.Request(), cancellationToken: cancellationToken);
            await using var responses = call.ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ReadResp? response;
                try
                {
                    response = await responses.MoveNextAsync() ? responses.Current : null;
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested && (RpcErrors.IsTransient(e) || RpcErrors.IsNotLeader(e, out _)))
                {
                    if (RpcErrors.IsNotLeader(e, out var leader))
                        connection.RedirectTo(leader);
                    else
                        connection.Forget(node);
                    break;
                }
                catch (RpcException e)
                {
                    throw RpcErrors.ToStoreException(e, node, target.StreamName, null, cancellationToken);
                }
                // A subscription the node ends without an error is dropped all the same: subscribe again.
                if (response is null)
                    break;
                if (Handle(response) is { } message)
                    yield return message;
                if (response.ContentCase == ReadResp.ContentOneofCase.Confirmation)
                    backoff = connection.Settings.DiscoveryInterval;
            }
            await Task.Delay(backoff, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private SubscriptionMessage? Handle(ReadResp response)
    {
        switch (response.ContentCase)
        {
            case ReadResp.ContentOneofCase.Event:
                var recorded = WireReads.ToRecorded(response.Event);
                target.After = recorded.Position;
                target.AfterRevision = recorded.Revision;
                return target.StreamName is null && WireReads.IsSystem(recorded) ? null : new SubscriptionMessage.EventAppeared(recorded);
            case ReadResp.ContentOneofCase.Checkpoint:
                var checkpoint = new Position(response.Checkpoint.CommitPosition, response.Checkpoint.PreparePosition);
                if (target.After is not { } after || checkpoint > after)
                    target.After = checkpoint;
                return null;
            case ReadResp.ContentOneofCase.CaughtUp:
                if (response.CaughtUp.Position is { } reached && new Position(reached.CommitPosition, reached.PreparePosition) is var head
                    && (target.After is not { } last || head > last) && target.StreamName is null)
                    target.After = head;
                return new SubscriptionMessage.CaughtUp(target.After ?? Position.Start);
            default:
                return null;
        }
    }
}
