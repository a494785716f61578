namespace Registry.Grpc.Protocol;

/// <summary>Header names and values of the gRPC over HTTP/2 protocol.</summary>
public static class GrpcHeaders
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string StatusDetails = "grpc-status-details-bin";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string UserAgent = "user-agent";
    public const string Te = "te";

    /// <summary>The message encodings this layer reads and writes.</summary>
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>True for <c>application/grpc</c>, <c>application/grpc+proto</c> and <c>application/grpc;...</c>.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
            return false;
        if (contentType.Length == ContentType.Length)
            return true;
        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>Headers that belong to HTTP/2 or gRPC itself, never surfaced as custom metadata.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith(':') ||
        key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-type", StringComparison.OrdinalIgnoreCase) ||
        key.Equals(Te, StringComparison.OrdinalIgnoreCase) ||
        key.Equals("host", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-length", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("connection", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("date", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("server", StringComparison.OrdinalIgnoreCase);
}
