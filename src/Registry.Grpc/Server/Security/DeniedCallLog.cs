using Microsoft.Extensions.Logging;

namespace Registry.Grpc.Server.Security;

/// <summary>The audit trail of refused calls: one structured warning each, under the "Registry.Grpc.Audit" category.</summary>
internal sealed partial class DeniedCallLog(ILoggerFactory loggers)
{
    public const string Category = "Registry.Grpc.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Write(CallDecision.Denied denied, string method, string peer) =>
        LogDenied(_logger, denied.PrincipalName ?? "anonymous", method, denied.Code, denied.Reason, peer);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning,
        Message = "Call denied: principal {Principal}, method {Method}, status {Status}, reason {Reason}, peer {Peer}")]
    private static partial void LogDenied(ILogger logger, string principal, string method, StatusCode status, string reason, string peer);
}
