using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Grpc.Protocol;
using Registry.Grpc.Server.Security;

namespace Registry.Grpc.Server;

/// <summary>
/// The terminal middleware: checks that a request is gRPC, routes it by path to its method, runs the call
/// and ends it with a status. Nothing a client sends can make it throw: every failure becomes a status.
/// </summary>
internal sealed partial class GrpcDispatcher
{
    /// <summary>The longest wait a timer accepts (2^32 - 2 ms, about 49.7 days).</summary>
    private static readonly TimeSpan LongestDeadline = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly FrozenDictionary<string, ServerMethod> _methods;
    private readonly GrpcServerOptions _options;
    private readonly ILogger<GrpcDispatcher> _logger;
    private readonly IServiceProvider _services;
    private readonly ICallAuthorizer? _authorizer;
    private readonly DeniedCallLog _deniedCalls;

    public GrpcDispatcher(GrpcServiceRegistrations registrations, IOptions<GrpcServerOptions> options, ILogger<GrpcDispatcher> logger,
        IServiceProvider services, ILoggerFactory loggers, ICallAuthorizer? authorizer = null)
    {
        _services = services;
        _authorizer = authorizer;
        _deniedCalls = new DeniedCallLog(loggers);
        _methods = registrations.Services
            .SelectMany(r => ServiceBinder.Bind(r.ImplementationType, r.Descriptor))
            .ToFrozenDictionary(m => m.Path, StringComparer.Ordinal);
        _options = options.Value;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (RejectNonGrpc(context))
            return;

        var request = context.Request;
        var response = context.Response;
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers[GrpcHeaders.AcceptEncoding] = GrpcHeaders.SupportedEncodings;

        if (!_methods.TryGetValue(request.Path.Value ?? string.Empty, out var method))
        {
            TrailersOnly(response, new Status(StatusCode.Unimplemented, UnknownMethodMessage(request.Path.Value)));
            return;
        }

        CallPrincipal? principal = null;
        if (_authorizer is not null)
        {
            var decision = await AuthorizeAsync(context, method);
            if (decision is CallDecision.Denied denied)
            {
                _deniedCalls.Write(denied, method.Path, ServerCall.PeerOf(context));
                TrailersOnly(response, new Status(denied.Code, denied.Message));
                return;
            }
            principal = ((CallDecision.Allowed)decision).Principal;
        }

        var encoding = request.Headers[GrpcHeaders.Encoding].ToString();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            TrailersOnly(response, new Status(StatusCode.Unimplemented,
                $"Message encoding '{encoding}' is not supported; accepted: {GrpcHeaders.SupportedEncodings}."));
            return;
        }

        TimeSpan? timeout = null;
        var timeoutHeader = request.Headers[GrpcHeaders.Timeout].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                TrailersOnly(response, new Status(StatusCode.Internal, $"Malformed grpc-timeout '{timeoutHeader}'."));
                return;
            }
            // Eight digits of hours reach past year 9999 and past what a timer can wait: clamp, never fail the call.
            timeout = parsed < LongestDeadline ? parsed : LongestDeadline;
        }
        else if (!method.IsStreaming)
        {
            timeout = _options.DefaultDeadline;
        }

        await using var call = new ServerCall(context, _services, method, _options, requestCompressed: encoding == "gzip", timeout) { Principal = principal };
        if (method.IsStreaming)
            call.LiftBodyLimits();
        await RunAsync(call);
    }

    /// <summary>Fails closed: an authorizer that throws denies the call (and the failure is logged).</summary>
    private async ValueTask<CallDecision> AuthorizeAsync(HttpContext context, ServerMethod method)
    {
        try
        {
            return await _authorizer!.AuthorizeAsync(new CallAuthorizationContext(method.Descriptor, method.Path, context.Request.Headers, ServerCall.PeerOf(context)));
        }
        catch (Exception e)
        {
            LogAuthorizerFailed(method.Path, e);
            return CallDecision.Unauthenticated("The call could not be authorized.", "authorizer failed: " + e.GetType().Name);
        }
    }

    private async Task RunAsync(ServerCall call)
    {
        Status status;
        Google.Rpc.Status? details = null;
        Metadata? trailers = null;
        try
        {
            await call.Method.InvokeAsync(call);
            status = Status.Ok;
        }
        catch (RpcException e)
        {
            (status, details, trailers) = (e.Status, e.Details, e.Trailers);
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested)
        {
            status = call.DeadlineExceeded
                ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")
                : new Status(StatusCode.Cancelled, "Call cancelled.");
        }
        catch (Exception e)
        {
            LogHandlerFailed(call.Method.Path, e);
            status = new Status(StatusCode.Unknown, "Exception was thrown by handler.");
        }

        try
        {
            await call.CompleteAsync(status, details, trailers);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The client is gone: there is nobody to tell.
        }
    }

    /// <summary>Answers what is not a gRPC request at the HTTP level; returns true when it did.</summary>
    private static bool RejectNonGrpc(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = request.IsHttps ? "h2" : "h2c";
            response.Headers.Connection = "Upgrade";
            SetStatusHeaders(response, new Status(StatusCode.Internal, $"gRPC requires HTTP/2; the request used {request.Protocol}."));
            return true;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            SetStatusHeaders(response, new Status(StatusCode.Internal, $"gRPC requires POST; the request used {request.Method}."));
            return true;
        }
        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            SetStatusHeaders(response, new Status(StatusCode.Internal,
                $"Content-Type '{request.ContentType}' is not supported; gRPC requires application/grpc."));
            return true;
        }
        return false;
    }

    private static void TrailersOnly(HttpResponse response, Status status) => SetStatusHeaders(response, status);

    private static void SetStatusHeaders(HttpResponse response, Status status) => StatusHeaders.Write(response.Headers, status, details: null);

    private string UnknownMethodMessage(string? path)
    {
        var service = path?.TrimStart('/').Split('/')[0] ?? string.Empty;
        return _methods.Keys.Any(k => k.StartsWith($"/{service}/", StringComparison.Ordinal))
            ? $"Method '{path}' is not implemented."
            : $"Service '{service}' is not implemented.";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC authorizer threw for {Method}; the call is denied")]
    private partial void LogAuthorizerFailed(string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler for {Method} threw")]
    private partial void LogHandlerFailed(string method, Exception exception);
}
