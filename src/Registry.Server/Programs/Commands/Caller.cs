using Grpc.Core;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// Who is calling: the principal the call authenticated as (never a value the request names, such as an
/// "x-actor" header), plus the correlation id and trace context it sent.
/// </summary>
internal sealed record Caller(string Actor, string? CorrelationId, string? TraceParent)
{
    public static Caller Of(ServerCallContext context)
    {
        // Commands are never open to anonymous callers (MethodRoles); no principal here is a wiring fault.
        var actor = context.GetHttpContext().User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("A command reached its handler without an authenticated principal.");
        var headers = context.RequestHeaders;
        return new Caller(
            actor,
            headers.GetValue("x-correlation-id") is { Length: > 0 and <= 200 } correlation ? correlation : null,
            headers.GetValue("traceparent"));
    }
}
