namespace Registry.Projections;

public enum ProjectionState
{
    Starting,
    CatchingUp,
    Live,
    Rebuilding,
    Faulted,
    Stopped,
}
