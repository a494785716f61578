namespace Registry.Projections;

public enum ProjectionState
{
    Starting,
    CatchingUp,
    Live,
    Rebuilding,

    /// <summary>Waiting for what it depends on (the bus) to come back; nothing is skipped meanwhile.</summary>
    Retrying,
    Faulted,
    Stopped,
}
