using Registry.Grpc;
using Registry.Grpc.Client;

namespace Registry.Client;

/// <summary>
/// Who is acting and under which correlation id, sent as <c>x-actor</c> / <c>x-correlation-id</c> with every call
/// (the server records them in the events' metadata until authentication exists).
/// </summary>
public sealed record CallContext(string? Actor = null, string? CorrelationId = null, TimeSpan? Timeout = null)
{
    public static readonly CallContext None = new();

    internal CallOptions ToOptions(CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (!string.IsNullOrWhiteSpace(Actor))
            headers.Add("x-actor", Actor);
        if (!string.IsNullOrWhiteSpace(CorrelationId))
            headers.Add("x-correlation-id", CorrelationId);
        DateTime? deadline = Timeout is { } timeout ? DateTime.UtcNow + timeout : null;
        return new CallOptions(headers.Count == 0 ? null : headers, deadline, cancellationToken);
    }
}
