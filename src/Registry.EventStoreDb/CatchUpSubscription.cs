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
/// sees every event once, in order. It ends only by cancellation or an error that retrying cannot mend: through an election or
/// an outage it keeps trying, with backoff, for as long as its subscriber wants it, and says so in the log.
/// </summary>
internal sealed class CatchUpSubscription(NodeConnection connection, CatchUpSubscription.Target target)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

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

        /// <summary>What it follows and where it would resume, for the log.</summary>
        public override string ToString() => StreamName is null
            ? After is { } position ? $"$all after position {position}" : "$all from the start"
            : AfterRevision is { } revision ? $"'{StreamName}' after revision {revision}" : $"'{StreamName}' from the start";

        public ReadReq Request() => StreamName is { } stream
            ? WireReads.StreamSubscription(stream, AfterRevision)
            : WireReads.All(Direction.Forwards, After, null, Filter);
    }

    public async IAsyncEnumerable<SubscriptionMessage> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = new Backoff(connection.Settings.DiscoveryInterval, MaxBackoff);
        var logger = connection.Logger;
        var resuming = false;
        while (true)
        {
            NodeChannel channel;
            try
            {
                channel = await connection.CurrentAsync(DateTime.UtcNow + connection.Settings.GossipTimeout * 2, cancellationToken);
            }
            catch (EventStoreUnavailableException) when (!cancellationToken.IsCancellationRequested)
            {
                // No node to subscribe on yet: keep looking, for as long as the subscriber wants it.
                await Task.Delay(backoff.Next(), cancellationToken);
                continue;
            }
            var node = channel.Endpoint;
            using var call = channel.Streams.Read(target.Request(), cancellationToken: cancellationToken);
            await using var responses = call.ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            string dropped;
            while (true)
            {
                ReadResp? response;
                try
                {
                    response = await responses.MoveNextAsync() ? responses.Current : null;
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested && RpcErrors.IsNotLeader(e, out var leader))
                {
                    connection.RedirectTo(leader, node);
                    dropped = $"not the leader; it names {leader}";
                    break;
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested && RpcErrors.IsTransient(e))
                {
                    dropped = NodeConnection.Describe(e);
                    connection.Forget(node, dropped, RpcErrors.IsUnreachable(e));
                    break;
                }
                catch (RpcException e)
                {
                    throw RpcErrors.ToStoreException(e, node, target.StreamName, null, cancellationToken);
                }
                // A subscription the node ends without an error is dropped all the same: subscribe again.
                if (response is null)
                {
                    dropped = "the node ended it";
                    break;
                }
                connection.Served(node);
                if (resuming)
                {
                    resuming = false;
                    ConnectionLog.Resubscribed(logger, target, node);
                }
                if (Handle(response) is { } message)
                    yield return message;
                if (response.ContentCase == ReadResp.ContentOneofCase.Confirmation)
                    backoff.Reset();
            }
            // Once per drop, not once per failed try while the cluster elects a leader.
            if (!resuming)
            {
                resuming = true;
                ConnectionLog.Resubscribing(logger, target, node, dropped);
            }
            await Task.Delay(backoff.Next(), cancellationToken);
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
