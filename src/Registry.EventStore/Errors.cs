namespace Registry.EventStore;

/// <summary>A failure the store reports through its port; every adapter maps its own errors to these.</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The stream was not at the revision the append expected. Nothing was written.</summary>
public sealed class WrongExpectedRevisionException(string stream, ExpectedRevision expected, long? actual)
    : EventStoreException($"Append to '{stream}' expected revision {expected} but the stream is at {(actual is null ? "no stream" : actual)}.")
{
    public string Stream { get; } = stream;
    public ExpectedRevision Expected { get; } = expected;

    /// <summary>The stream's current revision, or null when it does not exist.</summary>
    public long? Actual { get; } = actual;
}

/// <summary>An event id of the append is already stored in its stream, but not as this same append: not a retry.</summary>
public sealed class EventIdConflictException(Guid eventId, string stream, long revision)
    : EventStoreException($"Event id {eventId} is already stored as revision {revision} of '{stream}', but not as this same append.")
{
    public Guid EventId { get; } = eventId;
}

/// <summary>The store cannot be used: locked by another process, corrupt, from a newer schema, unreachable.</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : EventStoreException(message, inner);

/// <summary>The stream was deleted (tombstoned): it can be neither read nor appended to.</summary>
public sealed class StreamDeletedException(string stream, Exception? inner = null)
    : EventStoreException($"Stream '{stream}' has been deleted.", inner)
{
    public string Stream { get; } = stream;
}

/// <summary>The store refused the caller: wrong credentials, or a user without the right to this operation.</summary>
public sealed class AccessDeniedException(string message, Exception? inner = null) : EventStoreException(message, inner);
