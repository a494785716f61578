using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Registry.Grpc.Protocol;

namespace Registry.Grpc.Server;

/// <summary>
/// One gRPC call on one HTTP/2 stream: reads length-prefixed requests, writes length-prefixed responses and
/// ends with the status in trailers (or trailers-only when nothing was sent). With a deadline, writes and
/// completion are serialised, because the deadline can end the call while its handler is still writing;
/// without one, only the handler writes (as in every gRPC implementation, one write at a time), and the
/// common unary call pays for neither a lock nor a linked token.
/// </summary>
internal sealed class ServerCall : IAsyncDisposable
{
    private const int SingleSpanLimit = 4096;
    private readonly GrpcServerOptions _options;
    private readonly bool _requestCompressed;
    private readonly CancellationTokenSource? _deadlineCancellation;
    private readonly SemaphoreSlim? _writeLock;
    private MessageReader? _requests;
    private Timer? _deadlineTimer;
    private Task? _deadlineTask;
    private bool _headersSent;
    private bool _completed;

    public ServerCall(HttpContext httpContext, IServiceProvider services, ServerMethod method, GrpcServerOptions options, bool requestCompressed, TimeSpan? timeout)
    {
        HttpContext = httpContext;
        Services = services;
        Method = method;
        _options = options;
        _requestCompressed = requestCompressed;
        Deadline = timeout is { } t ? DateTime.UtcNow.Add(t) : DateTime.MaxValue;
        Context = new ServerCallContext(this);
        if (timeout is { } due)
        {
            _deadlineCancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
            _writeLock = new SemaphoreSlim(1, 1);
            _deadlineTimer = new Timer(static state => ((ServerCall)state!).OnDeadline(), this, due, Timeout.InfiniteTimeSpan);
        }
    }

    public HttpContext HttpContext { get; }
    public IServiceProvider Services { get; }
    public ServerMethod Method { get; }
    public ServerCallContext Context { get; }
    public DateTime Deadline { get; }
    public CancellationToken CancellationToken => _deadlineCancellation?.Token ?? HttpContext.RequestAborted;
    public bool DeadlineExceeded { get; private set; }

    /// <summary>Who the authorizer let in; null without an authorizer or for a method open to anyone.</summary>
    public Security.CallPrincipal? Principal { get; init; }

    public string Peer => PeerOf(HttpContext);

    /// <summary>The caller's address as gRPC names peers: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>.</summary>
    public static string PeerOf(HttpContext httpContext)
    {
        var connection = httpContext.Connection;
        var address = connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{connection.RemotePort}"
            : $"ipv4:{address}:{connection.RemotePort}";
    }

    /// <summary>Streaming calls may run long and send slowly: Kestrel's body size and rate limits do not apply.</summary>
    public void LiftBodyLimits()
    {
        var features = HttpContext.Features;
        if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;
        if (features.Get<IHttpMinRequestBodyDataRateFeature>() is { } requestRate)
            requestRate.MinDataRate = null;
        if (features.Get<IHttpMinResponseDataRateFeature>() is { } responseRate)
            responseRate.MinDataRate = null;
    }

    /// <summary>The next request message, or null when the client has half-closed.</summary>
    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser) where T : class, IMessage<T>
    {
        try
        {
            _requests ??= new MessageReader(HttpContext.Request.BodyReader, _options.MaxReceiveMessageSize, _requestCompressed);
            return await _requests.ReadAsync(parser, CancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            throw CancelledOrDeadline();
        }
    }

    /// <summary>The one request of a unary or server-streaming call: exactly one message, then the end.</summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser) where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser)
            ?? throw new RpcException(StatusCode.Internal, "Request stream ended without a request message.");
        if (await ReadMessageAsync(parser) is not null)
            throw new RpcException(StatusCode.Internal, "More than one request message for a method that takes one.");
        return message;
    }

    public ValueTask WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken = default)
    {
        var size = message.CalculateSize();
        if (size > _options.MaxSendMessageSize)
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {_options.MaxSendMessageSize}).");
        if (_writeLock is not null)
            return WriteLockedAsync(message, size, flush, cancellationToken);
        WriteFrame(message, size);
        return flush ? FlushAsync(HttpContext.Response.BodyWriter) : ValueTask.CompletedTask;
    }

    private async ValueTask WriteLockedAsync(IMessage message, int size, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock!.WaitAsync(cancellationToken);
        try
        {
            WriteFrame(message, size);
            if (flush)
                await FlushAsync(HttpContext.Response.BodyWriter);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Frames a message into the response body: a small one in one span, one advance (each takes a lock).</summary>
    private void WriteFrame(IMessage message, int size)
    {
        ThrowIfCompleted();
        _headersSent = true;
        var writer = HttpContext.Response.BodyWriter;
        var frameSize = MessageFrame.HeaderSize + size;
        if (frameSize <= SingleSpanLimit)
        {
            var span = writer.GetSpan(frameSize);
            MessageFrame.WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(MessageFrame.HeaderSize, size));
            writer.Advance(frameSize);
            return;
        }
        MessageFrame.WriteHeader(writer.GetSpan(MessageFrame.HeaderSize), compressed: false, size);
        writer.Advance(MessageFrame.HeaderSize);
        message.WriteTo(writer);
    }

    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        await LockAsync(CancellationToken);
        try
        {
            ThrowIfCompleted();
            if (_headersSent)
                throw new InvalidOperationException("Response headers have already been sent.");
            MetadataHeaders.Append(HttpContext.Response.Headers, headers);
            _headersSent = true;
            await HttpContext.Response.StartAsync(CancellationToken);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    private async ValueTask FlushAsync(PipeWriter writer)
    {
        try
        {
            await writer.FlushAsync(CancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            throw CancelledOrDeadline();
        }
    }

    /// <summary>
    /// Ends the call with a status: in trailers after a response began, otherwise trailers-only (in the
    /// headers, no body). Returns false when the call had already been completed (by its deadline).
    /// </summary>
    public ValueTask<bool> CompleteAsync(Status status, Google.Rpc.Status? details, Metadata? extraTrailers) =>
        _writeLock is null
            ? ValueTask.FromResult(WriteStatus(status, details, extraTrailers))
            : CompleteLockedAsync(status, details, extraTrailers, completeResponse: false);

    private async ValueTask<bool> CompleteLockedAsync(Status status, Google.Rpc.Status? details, Metadata? extraTrailers, bool completeResponse)
    {
        await _writeLock!.WaitAsync();
        try
        {
            var written = WriteStatus(status, details, extraTrailers);
            if (written && completeResponse)
                await HttpContext.Response.CompleteAsync();
            return written;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private bool WriteStatus(Status status, Google.Rpc.Status? details, Metadata? extraTrailers)
    {
        if (_completed)
            return false;
        _completed = true;
        var response = HttpContext.Response;
        var target = !_headersSent && !response.HasStarted
            ? response.Headers
            : HttpContext.Features.GetRequiredFeature<IHttpResponseTrailersFeature>().Trailers;
        StatusHeaders.Write(target, status, details);
        if (Context.ResponseTrailersIfAny is { Count: > 0 } trailers)
            MetadataHeaders.Append(target, trailers);
        if (extraTrailers is { Count: > 0 })
            MetadataHeaders.Append(target, extraTrailers);
        return true;
    }

    private void OnDeadline() => _deadlineTask = OnDeadlineAsync();

    private async Task OnDeadlineAsync()
    {
        DeadlineExceeded = true;
        try
        {
            await CompleteLockedAsync(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), null, null, completeResponse: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The stream is already gone; the handler learns of it through the token below.
        }
        finally
        {
            await _deadlineCancellation!.CancelAsync();
        }
    }

    public Metadata ReadRequestMetadata() =>
        MetadataHeaders.Decode(HttpContext.Request.Headers.SelectMany(h => h.Value.Select(v => (h.Key, v ?? string.Empty))));

    private Task LockAsync(CancellationToken cancellationToken) => _writeLock?.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    private void ThrowIfCompleted()
    {
        if (_completed)
            throw CancelledOrDeadline();
    }

    private RpcException CancelledOrDeadline() => DeadlineExceeded
        ? new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded.")
        : new RpcException(StatusCode.Cancelled, "Call cancelled by the client.");

    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null)
            await _deadlineTimer.DisposeAsync();
        if (_deadlineTask is not null)
            await _deadlineTask;
        _deadlineCancellation?.Dispose();
        _writeLock?.Dispose();
    }
}
