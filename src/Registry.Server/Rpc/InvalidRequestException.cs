namespace Registry.Server.Rpc;

/// <summary>A request with bad fields: INVALID_ARGUMENT with a google.rpc.BadRequest naming each one by its .proto path.</summary>
internal sealed class InvalidRequestException(string message, IReadOnlyList<FieldViolation> violations) : Exception(message)
{
    public InvalidRequestException(string message, string field, string description)
        : this(message, [new FieldViolation(field, description)])
    {
    }

    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

internal sealed record FieldViolation(string Field, string Description);
