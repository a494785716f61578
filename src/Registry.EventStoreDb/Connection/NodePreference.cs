namespace Registry.EventStoreDb.Connection;

/// <summary>Which cluster member the client talks to (connection string key <c>nodePreference</c>).</summary>
public enum NodePreference
{
    Leader,
    Follower,
    Random,
    ReadOnlyReplica,
}
