namespace Registry.EventStore.Sqlite;

/// <summary>An append waiting for the writer; completed once its transaction is durable.</summary>
internal sealed class AppendRequest(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events)
{
    public string Stream { get; } = stream;
    public ExpectedRevision Expected { get; } = expected;
    public IReadOnlyList<EventData> Events { get; } = events;
    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Decided within the batch; made known only after the commit.</summary>
    public AppendResult? Result { get; set; }
    public Exception? Error { get; set; }
}
