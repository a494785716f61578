namespace Registry.EventStore;

/// <summary>The stream's revision after an append (its last event) and the log position of that event.</summary>
public readonly record struct AppendResult(long NextExpectedRevision, Position Position);
