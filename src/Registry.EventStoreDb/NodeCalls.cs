using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Connection;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb;

/// <summary>
/// Runs one call (an append, a page of a read) until it succeeds, fails for a reason retrying cannot mend, or
/// reaches its deadline (the connection string's default deadline, or the caller's cancellation first). Through
/// an election it keeps going with backoff: to the leader a not-leader answer names, and to whichever node
/// gossip offers when a node is unreachable or not ready. Never a fixed number of attempts: an election takes
/// as long as it takes. Appends are safe to repeat: their event ids make them idempotent.
/// </summary>
internal sealed class NodeCalls(NodeConnection connection)
{
    /// <summary>The longest pause between two tries: an election lasts a second or two.</summary>
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    public async Task<T> RunAsync<T>(Func<Streams.StreamsClient, CallOptions, Task<T>> call, string? stream, ExpectedRevision? expected, CancellationToken cancellationToken)
    {
        var settings = connection.Settings;
        var deadline = DateTime.UtcNow + settings.DefaultDeadline;
        var backoff = new Backoff(settings.DiscoveryInterval, MaxBackoff);
        string? lastFailure = null;
        var redirected = false;
        while (true)
        {
            NodeChannel channel;
            try
            {
                channel = await connection.CurrentAsync(deadline, cancellationToken);
            }
            catch (EventStoreUnavailableException e) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = e.Message;
                await PauseAsync(backoff, deadline, lastFailure, cancellationToken);
                continue;
            }
            var node = channel.Endpoint;
            try
            {
                var result = await call(channel.Streams, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
                connection.Served(node);
                return result;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested && RpcErrors.IsNotLeader(e, out var leader))
            {
                lastFailure = $"{node} is not the leader and names {leader}";
                connection.RedirectTo(leader, node);
                // The first redirect goes straight to the leader; one after another means an election is under way.
                if (redirected)
                    await PauseAsync(backoff, deadline, lastFailure, cancellationToken);
                redirected = true;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested && RpcErrors.IsTransient(e))
            {
                lastFailure = $"{node}: {NodeConnection.Describe(e)}";
                connection.Forget(node, NodeConnection.Describe(e), RpcErrors.IsUnreachable(e));
                await PauseAsync(backoff, deadline, lastFailure, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException)
            {
                // The connection broke under a call outside what Grpc.Net.Client reports as a status (a request
                // stream being written): the node went away, as for UNAVAILABLE.
                lastFailure = $"{node}: {e.Message}";
                connection.Forget(node, e.Message, unreachable: true);
                await PauseAsync(backoff, deadline, lastFailure, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded && lastFailure is not null && !cancellationToken.IsCancellationRequested)
            {
                // Why no node could serve says more than the deadline that cut the last try short.
                throw Unavailable(lastFailure, e);
            }
            catch (RpcException e)
            {
                throw RpcErrors.ToStoreException(e, node, stream, expected, cancellationToken);
            }
        }
    }

    /// <summary>Waits before the next try, or gives up when that try could not begin before the deadline.</summary>
    private async Task PauseAsync(Backoff backoff, DateTime deadline, string lastFailure, CancellationToken cancellationToken)
    {
        var delay = backoff.Next();
        if (DateTime.UtcNow + delay >= deadline)
            throw Unavailable(lastFailure, null);
        await Task.Delay(delay, cancellationToken);
    }

    private EventStoreUnavailableException Unavailable(string lastFailure, Exception? inner) =>
        new($"EventStoreDB is unavailable: no leader served the call within its deadline ({connection.Settings.DefaultDeadline.TotalSeconds:0.#} s); last failure: {lastFailure}", inner);
}
