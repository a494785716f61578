using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Registry.Client.Credentials;
using Registry.Server.Telemetry;

namespace Registry.Server.Auth;

/// <summary>
/// The audit trail of refused calls: one structured warning each under <see cref="Category"/> (principal,
/// method, status, reason, peer; never the credential). The refusal itself is ASP.NET Core's: a challenge
/// (HTTP 401, which gRPC clients read as UNAUTHENTICATED) or a forbid (403, PERMISSION_DENIED), decided before
/// any handler runs, so it never tells whether a programme exists.
/// </summary>
internal sealed partial class RefusalAudit(ILoggerFactory loggers) : IAuthorizationMiddlewareResultHandler
{
    public const string Category = "Registry.Audit";

    private readonly AuthorizationMiddlewareResultHandler _refuse = new();
    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
            await WriteAsync(context, authorizeResult.Forbidden).ConfigureAwait(false);
        await _refuse.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context, bool forbidden)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName ?? context.Request.Path.ToString();
        var principal = context.User.Identity is { IsAuthenticated: true, Name: { } user } ? user : "anonymous";
        var peer = Peer(context.Connection);
        if (forbidden)
        {
            var closed = MethodAuthorization.RoleOf(context.GetEndpoint()?.Metadata.GetMetadata<AuthorizeAttribute>()?.Policy) is null;
            HostMetrics.Refused("permission_denied", closed ? "method_closed" : "missing_role");
            LogDenied(_logger, principal, method, StatusCode.PermissionDenied, Why(context, method), peer);
            return;
        }
        // The handler keeps its result for the request: asking again costs nothing and gives the failure.
        var result = await context.AuthenticateAsync().ConfigureAwait(false);
        HostMetrics.Refused("unauthenticated", CredentialsSent(context.Request) switch { 0 => "no_credential", 1 => "invalid_credential", _ => "several_credentials" });
        LogDenied(_logger, principal, method, StatusCode.Unauthenticated, result.Failure?.Message ?? "no credential", peer);
    }

    private static string Why(HttpContext context, string method) =>
        MethodAuthorization.RoleOf(context.GetEndpoint()?.Metadata.GetMetadata<AuthorizeAttribute>()?.Policy) is { } role
            ? $"'{context.User.Identity?.Name}' may not call {method}: it needs the {role} role"
            : $"{method} is open to no role";

    private static int CredentialsSent(HttpRequest request) =>
        request.Headers[Credential.AuthorizationHeader].Count + request.Headers[Credential.ApiKeyHeader].Count;

    /// <summary>The caller's address as gRPC spells a peer: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>.</summary>
    private static string Peer(ConnectionInfo connection) => connection.RemoteIpAddress switch
    {
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
        { } ip => $"ipv4:{ip}:{connection.RemotePort}",
        null => "unknown",
    };

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning,
        Message = "Call denied: principal {Principal}, method {Method}, status {Status}, reason {Reason}, peer {Peer}")]
    private static partial void LogDenied(ILogger logger, string principal, string method, StatusCode status, string reason, string peer);
}
