namespace Registry.EventStoreDb.Wire;

/// <summary>
/// How a node names a failure: the trailer <c>exception</c>, with details in further trailers. A node that
/// is not the leader answers NOT_FOUND with "not-leader" and the leader's endpoint.
/// </summary>
public static class ErrorMetadata
{
    public const string Exception = "exception";
    public const string StreamName = "stream-name";
    public const string ExpectedVersion = "expected-version";
    public const string ActualVersion = "actual-version";
    public const string LeaderHost = "leader-endpoint-host";
    public const string LeaderPort = "leader-endpoint-port";

    public const string NotLeader = "not-leader";
    public const string WrongExpectedVersion = "wrong-expected-version";
    public const string StreamDeleted = "stream-deleted";
    public const string AccessDenied = "access-denied";
    public const string MissingRequiredMetadataProperty = "missing-required-metadata-property";

    /// <summary>Request header: the caller wants the leader (reads may otherwise be served by any node).</summary>
    public const string RequiresLeader = "requires-leader";

    public const string Authorization = "authorization";
    public const string ConnectionName = "connection-name";
}
