using Registry.Client.Credentials;

namespace Registry.Client;

/// <summary>
/// What every call of a <see cref="RegistryClient"/> carries: the caller's credential (the server records the
/// principal it proves as the actor), a correlation id (<c>x-correlation-id</c>) and a timeout for calls that
/// set no deadline of their own.
/// </summary>
public sealed record CallContext(Credential? Credential = null, string? CorrelationId = null, TimeSpan? Timeout = null)
{
    public const string CorrelationHeader = "x-correlation-id";

    public static readonly CallContext None = new();
}
