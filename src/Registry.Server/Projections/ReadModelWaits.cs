using Grpc.Core;
using Registry.EventStore;
using Registry.Server.Audit;

namespace Registry.Server.Projections;

/// <summary>
/// A call that needs a read model to hold the log up to some position waits for it (hurrying it: under load a read
/// model gathers events before committing), at most 10 s; past that the call fails as Unavailable, to be retried.
/// </summary>
internal static class ReadModelWaits
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    /// <param name="readModel">Names the read model in the error, e.g. "The audit tree".</param>
    public static async Task UntilAppliedAsync(this ProjectionsService projections, string projection, string readModel, Position wanted,
        CancellationToken callCancelled)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(callCancelled);
        limit.CancelAfter(LongestWait);
        try
        {
            await projections.Engine.UntilAppliedAsync(projection, wanted, limit.Token);
        }
        catch (OperationCanceledException) when (!callCancelled.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{readModel} has not reached position {wanted} yet; retry."));
        }
    }

    /// <summary>The position of the log's last registry event (a programme's), or the head when there is none among the last 4,096 events.</summary>
    public static async Task<Position> LastRegistryEventAsync(IEventStore store, CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadAllAsync(Direction.Backwards, Position.End, 4096, cancellationToken))
        {
            if (MerkleTreeProjection.RegistryEvents.Matches(recorded.Stream, recorded.Type))
                return recorded.Position;
        }
        return await store.ReadHeadAsync(cancellationToken);
    }
}
