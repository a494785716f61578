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
    public Task WaitForAsync(V1.LogPosition? position, ServerCallContext context) => position is null
        ? Task.CompletedTask
        : projections.UntilAppliedAsync(ProgramsProjection.ProjectionName, "The read model", new Position(position.Commit, position.Prepare), context.CancellationToken);
}
