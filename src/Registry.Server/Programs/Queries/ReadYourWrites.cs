using Registry.EventStore;
using Grpc.Core;
using Registry.Server.Projections;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Waits until the programmes read model has applied the log up to a position a caller already saw, and tells it
/// not to pause for more events before its next commit (under load it gathers events for a while).
/// </summary>
internal sealed class ReadYourWrites(ProjectionsService projections)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    public async Task WaitForAsync(V1.LogPosition? position, ServerCallContext context)
    {
        if (position is null)
            return;
        var wanted = new Position(position.Commit, position.Prepare);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        limit.CancelAfter(LongestWait);
        try
        {
            await projections.Engine.UntilAppliedAsync(ProgramsProjection.ProjectionName, wanted, limit.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The read model has not reached position {wanted} yet; retry."));
        }
    }
}
