using Registry.Grpc.Server;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// Who is calling, from the request metadata. Until authentication exists the actor is what the caller names
/// in "x-actor" (or "anonymous"); the authenticated principal will replace it.
/// </summary>
internal sealed record Caller(string Actor, string? CorrelationId, string? TraceParent)
{
    public static Caller Of(ServerCallContext context)
    {
        var headers = context.RequestHeaders;
        var actor = headers.GetValue("x-actor");
        return new Caller(
            string.IsNullOrWhiteSpace(actor) || actor.Length > 200 ? "anonymous" : actor,
            headers.GetValue("x-correlation-id") is { Length: > 0 and <= 200 } correlation ? correlation : null,
            headers.GetValue("traceparent"));
    }
}
