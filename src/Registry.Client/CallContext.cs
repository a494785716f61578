using Registry.Client.Credentials;
using Registry.Grpc;
using Registry.Grpc.Client;

namespace Registry.Client;

/// <summary>
/// What every call carries: the caller's credential (the server records the principal it proves as the
/// actor), a correlation id (<c>x-correlation-id</c>) and a timeout.
/// </summary>
public sealed record CallContext(Credential? Credential = null, string? CorrelationId = null, TimeSpan? Timeout = null)
{
    public static readonly CallContext None = new();

    internal CallOptions ToOptions(CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        Credential?.AddTo(headers);
        if (!string.IsNullOrWhiteSpace(CorrelationId))
            headers.Add("x-correlation-id", CorrelationId);
        DateTime? deadline = Timeout is { } timeout ? DateTime.UtcNow + timeout : null;
        return new CallOptions(headers.Count == 0 ? null : headers, deadline, cancellationToken);
    }
}
