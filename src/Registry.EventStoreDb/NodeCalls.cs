using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Connection;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb;

/// <summary>
/// Runs one call (an append, a page of a read) within the default deadline: to the leader a not-leader
/// answer names, and again on another or the same node when the node was unreachable. Appends are safe to
/// repeat: their event ids make them idempotent.
/// </summary>
internal sealed class NodeCalls(NodeConnection connection)
{
    public async Task<T> RunAsync<T>(Func<Streams.StreamsClient, CallOptions, Task<T>> call, string? stream, ExpectedRevision? expected, CancellationToken cancellationToken)
    {
        var settings = connection.Settings;
        var deadline = DateTime.UtcNow + settings.DefaultDeadline;
        RpcException? unreachable = null;
        for (var attempt = 1; ; attempt++)
        {
            var channel = await connection.CurrentAsync(deadline, cancellationToken);
            var node = channel.Endpoint;
            try
            {
                return await call(channel.Streams, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
            }
            catch (RpcException e) when (RpcErrors.IsNotLeader(e, out var leader) && attempt < settings.MaxDiscoverAttempts && !cancellationToken.IsCancellationRequested)
            {
                connection.RedirectTo(leader);
            }
            catch (RpcException e) when (RpcErrors.IsTransient(e) && attempt < settings.MaxDiscoverAttempts
                && DateTime.UtcNow + settings.DiscoveryInterval < deadline && !cancellationToken.IsCancellationRequested)
            {
                unreachable = e;
                connection.Forget(node);
                await Task.Delay(settings.DiscoveryInterval, cancellationToken);
            }
            catch (RpcException e)
            {
                // The deadline cut short a retry: why the node could not be reached says more than the deadline.
                var reason = e.StatusCode == StatusCode.DeadlineExceeded && unreachable is not null ? unreachable : e;
                throw RpcErrors.ToStoreException(reason, node, stream, expected, cancellationToken);
            }
        }
    }
}
