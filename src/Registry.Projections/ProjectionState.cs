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

    /// <summary>A publisher whose lease another instance holds: it stands by to take over.</summary>
    Standby,
}
