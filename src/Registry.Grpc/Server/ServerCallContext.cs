using Microsoft.AspNetCore.Http;

namespace Registry.Grpc.Server;

/// <summary>What a handler knows of its call: headers in, headers and trailers out, deadline, cancellation.</summary>
public sealed class ServerCallContext
{
    private readonly ServerCall _call;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;

    internal ServerCallContext(ServerCall call) => _call = call;

    /// <summary>The method's path, <c>/package.Service/Method</c>.</summary>
    public string Method => _call.Method.Path;

    /// <summary>The caller's address, as <c>ipv4:127.0.0.1:5000</c>.</summary>
    public string Peer => _call.Peer;

    /// <summary>The authenticated caller, as the server's <see cref="Security.ICallAuthorizer"/> decided; null when nobody had to be.</summary>
    public Security.CallPrincipal? Principal => _call.Principal;

    /// <summary>When the caller stops waiting (<c>grpc-timeout</c>); <see cref="DateTime.MaxValue"/> when none was set.</summary>
    public DateTime Deadline => _call.Deadline;

    /// <summary>Cancelled when the caller cancels, disconnects, or the deadline passes.</summary>
    public CancellationToken CancellationToken => _call.CancellationToken;

    /// <summary>Custom request metadata (protocol headers left out).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= _call.ReadRequestMetadata();

    /// <summary>Custom metadata sent with the final status.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new();

    internal Metadata? ResponseTrailersIfAny => _responseTrailers;

    /// <summary>The HTTP/2 request underneath, for what the protocol does not cover (connection, user).</summary>
    public HttpContext HttpContext => _call.HttpContext;

    /// <summary>Sends response headers now; at most once, and before the first message.</summary>
    public Task WriteResponseHeadersAsync(Metadata headers) => _call.WriteResponseHeadersAsync(headers);
}
