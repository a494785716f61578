using System.Net;

namespace Registry.Grpc.Client;

/// <summary>The status a call ends with when HTTP or HTTP/2, not the server's gRPC layer, says how it ended.</summary>
internal static class TransportStatus
{
    /// <summary>A non-200 reply without grpc-status, per the gRPC spec's HTTP-to-gRPC table.</summary>
    public static Status FromHttpStatus(HttpStatusCode httpStatus)
    {
        var code = (int)httpStatus switch
        {
            400 => StatusCode.Internal,
            401 => StatusCode.Unauthenticated,
            403 => StatusCode.PermissionDenied,
            404 => StatusCode.Unimplemented,
            429 or 502 or 503 or 504 => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new Status(code, $"Bad gRPC response: HTTP status {(int)httpStatus} ({httpStatus}) without grpc-status.");
    }

    /// <summary>The status for an exception from the transport; null when it is not a transport failure.</summary>
    public static Status? FromException(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
                return FromHttp2Error(protocol.ErrorCode, protocol.Message);
        }
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } e =>
                new Status(StatusCode.Unavailable, "Cannot connect: " + e.Message),
            HttpRequestException e => new Status(StatusCode.Unavailable, "Transport failure: " + e.Message),
            IOException e => new Status(StatusCode.Unavailable, "Connection lost: " + e.Message),
            _ => null,
        };
    }

    // RST_STREAM / GOAWAY error codes, as the gRPC spec maps them.
    private static Status FromHttp2Error(long errorCode, string message)
    {
        var code = errorCode switch
        {
            0x7 => StatusCode.Unavailable,          // REFUSED_STREAM
            0x8 => StatusCode.Cancelled,            // CANCEL
            0xB => StatusCode.ResourceExhausted,    // ENHANCE_YOUR_CALM
            0xC => StatusCode.PermissionDenied,     // INADEQUATE_SECURITY
            _ => StatusCode.Internal,
        };
        return new Status(code, $"HTTP/2 stream reset (error 0x{errorCode:X}): {message}");
    }
}
