namespace Registry.Server.Programs.Commands;

/// <summary>Who sent a command and under which idempotency key; becomes the events' metadata.</summary>
internal sealed record CommandContext(string CommandId, long? ExpectedVersion, string Actor, string CorrelationId, string? TraceParent);
