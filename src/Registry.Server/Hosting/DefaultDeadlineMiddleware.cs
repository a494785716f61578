using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace Registry.Server.Hosting;

/// <summary>
/// Gives a unary call that arrives without a deadline the configured default (Grpc:Limits:DefaultDeadline),
/// by adding the <c>grpc-timeout</c> header its client could have sent: grpc-dotnet then enforces it as any
/// other deadline (the handler's token is cancelled, the caller gets DEADLINE_EXCEEDED). Streams keep only
/// their client's deadline: a watch is meant to last.
/// </summary>
internal sealed class DefaultDeadlineMiddleware(RequestDelegate next, TimeSpan deadline)
{
    private const string TimeoutHeader = "grpc-timeout";
    private readonly string _timeout = Encode(deadline);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { Method.Type: MethodType.Unary }
            && !context.Request.Headers.ContainsKey(TimeoutHeader))
            context.Request.Headers[TimeoutHeader] = _timeout;
        return next(context);
    }

    /// <summary>The header's form: at most eight digits and a unit (milliseconds, or seconds for long deadlines).</summary>
    private static string Encode(TimeSpan deadline)
    {
        var milliseconds = Math.Max(1, (long)deadline.TotalMilliseconds);
        return milliseconds <= 99_999_999 ? $"{milliseconds}m" : $"{Math.Min(99_999_999, (long)deadline.TotalSeconds)}S";
    }
}
