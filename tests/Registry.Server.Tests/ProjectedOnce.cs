using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore;
using Registry.Projections;

namespace Registry.Server.Tests;

/// <summary>Runs one projection over the log, as a new process would, until it is live at the head.</summary>
internal static class ProjectedOnce
{
    public static async Task UntilLiveAsync(IEventStore store, ReadModelDatabase database, ISqliteProjection projection)
    {
        await using var engine = new ProjectionEngine([projection], database, store, NullLogger<ProjectionEngine>.Instance);
        engine.Start();
        var head = await store.ReadHeadAsync();
        await TestRegistry.UntilAsync(() =>
        {
            var status = engine.Status(projection.Name);
            Assert.NotEqual(ProjectionState.Faulted, status.State);
            return Task.FromResult(status.State == ProjectionState.Live && status.Checkpoint >= head);
        });
    }
}
