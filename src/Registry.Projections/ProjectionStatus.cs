using Registry.EventStore;

namespace Registry.Projections;

/// <summary>How far a projection (or a rebuild of it) has got, against the head of the log.</summary>
public sealed record ProjectionStatus(
    string Name,
    long Generation,
    ProjectionState State,
    Position Checkpoint,
    Position Head,
    string? Error)
{
    /// <summary>Log positions between the checkpoint and the head (in the embedded store: events).</summary>
    public ulong Lag => Head.Commit > Checkpoint.Commit ? Head.Commit - Checkpoint.Commit : 0;

    public bool IsHealthy => State is not (ProjectionState.Faulted or ProjectionState.Stopped);
}
