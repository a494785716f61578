using Google.Protobuf;

namespace Registry.Grpc.Client;

/// <summary>
/// A connection pool to one gRPC server over HTTP/2 (h2c by prior knowledge for http://, TLS with ALPN for
/// https://). Thread-safe; make one per server and share it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    private GrpcChannel(Uri address, GrpcChannelOptions options, HttpMessageHandler handler)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"A gRPC address must be http:// or https://, not '{address}'.", nameof(address));
        Address = address;
        Options = options;
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new GrpcChannelOptions();
        return new GrpcChannel(address, options, CreateHandler(options));
    }

    /// <summary>For tests: calls go through <paramref name="handler"/> instead of the network.</summary>
    internal static GrpcChannel ForHandler(Uri address, HttpMessageHandler handler, GrpcChannelOptions? options = null) =>
        new(address, options ?? new GrpcChannelOptions(), handler);

    public UnaryCall<TResponse> Unary<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = Start(method, MethodType.Unary, options);
        call.SendSingle(request);
        return new UnaryCall<TResponse>(call, call.ReadSingleAsync());
    }

    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = Start(method, MethodType.ServerStreaming, options);
        call.SendSingle(request);
        return new ServerStreamingCall<TResponse>(call);
    }

    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = Start(method, MethodType.ClientStreaming, options);
        var writer = call.SendStreaming<TRequest>();
        return new ClientStreamingCall<TRequest, TResponse>(call, writer);
    }

    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = Start(method, MethodType.DuplexStreaming, options);
        var writer = call.SendStreaming<TRequest>();
        return new DuplexStreamingCall<TRequest, TResponse>(call, writer);
    }

    public void Dispose() => _invoker.Dispose();

    private GrpcCall<TResponse> Start<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, CallOptions options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
            throw new ArgumentException($"{method} cannot be called as {expected}.", nameof(method));
        return new GrpcCall<TResponse>(this, method.FullName, method.ResponseParser, options);
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            // A gRPC reply is never HTTP-compressed (gzip travels per message), nor is it redirected.
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        if (options.ServerCertificateValidation is { } validate)
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        return handler;
    }
}
