using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Google.Protobuf;
using Registry.Grpc.Protocol;

namespace Registry.Grpc.Client;

/// <summary>
/// One HTTP/2 exchange carrying one gRPC call: sends the request, validates the response headers, reads
/// frames, and settles the final status exactly once (from trailers, from trailers-only headers, or from a
/// local failure: deadline, cancellation, limits, transport).
/// </summary>
internal sealed class GrpcCall<TResponse> : IStreamingCall, IDisposable
    where TResponse : class, IMessage<TResponse>
{
    // CancellationTokenSource timers cannot run longer than this; a later deadline is left to the server.
    private static readonly TimeSpan LongestLocalDeadline = TimeSpan.FromDays(49);

    private readonly GrpcChannel _channel;
    private readonly string _path;
    private readonly MessageParser<TResponse> _parser;
    private readonly CallOptions _options;
    private readonly DateTime? _deadline;
    private readonly TimeSpan? _timeout;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly CancellationToken _callToken;
    private readonly CancellationTokenRegistration _abortOnCancel;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    private Task<HttpResponseMessage> _responseTask = Task.FromException<HttpResponseMessage>(new InvalidOperationException("The call was not started."));
    private HttpRequestMessage? _request;
    private HttpResponseMessage? _response;
    private StreamingRequestContent? _requestStream;
    private PipeReader? _reader;
    private MessageReader? _messages;
    private string? _responseEncoding;
    private RpcException? _trailersOnlyStatus;
    private Status? _status;
    private Metadata? _trailers;
    private RpcException? _failure;

    public GrpcCall(GrpcChannel channel, string path, MessageParser<TResponse> parser, CallOptions options)
    {
        _channel = channel;
        _path = path;
        _parser = parser;
        _options = options;
        if (options.Deadline is { } deadline)
        {
            _deadline = deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline;
            _timeout = _deadline - DateTime.UtcNow;
            if (_timeout > TimeSpan.Zero && _timeout < LongestLocalDeadline)
                _deadlineCts = new CancellationTokenSource(_timeout.Value);
        }
        _callCts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _deadlineCts?.Token ?? default);
        _callToken = _callCts.Token;
        _abortOnCancel = _callToken.Register(static state => ((GrpcCall<TResponse>)state!).AbortTransport(), this);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    private GrpcChannelOptions ChannelOptions => _channel.Options;

    /// <summary>The one response of a unary or client-streaming call, and its OK status.</summary>
    public async Task<TResponse> ReadSingleAsync()
    {
        var response = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw Fail(new RpcException(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        if (await ReadNextAsync(CancellationToken.None).ConfigureAwait(false) is not null)
            throw Fail(new RpcException(StatusCode.Internal, "The server sent more than one response message for a single-response call."));
        return response;
    }

    public void SendSingle(IMessage request)
    {
        try
        {
            Start(new SingleMessageContent(RequestFraming.Frame(request, ChannelOptions)));
        }
        catch (RpcException e)
        {
            FailBeforeStart(e);
        }
    }

    public RequestWriter<TRequest> SendStreaming<TRequest>()
        where TRequest : class, IMessage<TRequest>
    {
        _requestStream = new StreamingRequestContent();
        Start(_requestStream);
        return new RequestWriter<TRequest>(this, _requestStream);
    }

    /// <summary>Writes one frame of a streaming request and flushes it onto the wire.</summary>
    public async Task WriteAsync(StreamingRequestContent content, IMessage message, CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        using var link = CancelCallWhen(cancellationToken);
        try
        {
            var frame = RequestFraming.Frame(message, ChannelOptions);
            var stream = await content.WaitForStreamAsync(_callToken).ConfigureAwait(false);
            await stream.WriteAsync(frame, _callToken).ConfigureAwait(false);
            await stream.FlushAsync(_callToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw await WriteFailureAsync(e).ConfigureAwait(false);
        }
    }

    /// <summary>The next response message, or null once the call has ended with OK.</summary>
    public async ValueTask<TResponse?> ReadNextAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        if (_status is not null)
            return null;
        using var link = CancelCallWhen(cancellationToken);
        try
        {
            var response = await _responseTask.ConfigureAwait(false);
            if (_trailersOnlyStatus is { } trailersOnly)
            {
                Finish(trailersOnly);
                return null;
            }
            _reader ??= PipeReader.Create(await response.Content.ReadAsStreamAsync(_callToken).ConfigureAwait(false));
            _messages ??= new MessageReader(_reader, ChannelOptions.MaxReceiveMessageSize,
                string.Equals(_responseEncoding, "gzip", StringComparison.OrdinalIgnoreCase));
            var message = await _messages.ReadAsync(_parser, _callToken).ConfigureAwait(false);
            if (message is not null)
                return message;
            Finish(StatusFromTrailers(response));
            return null;
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not ended yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not ended yet.");

    public void Dispose()
    {
        if (_status is null)
            Fail(new RpcException(StatusCode.Cancelled, "The call was disposed before it ended."));
        Release();
    }

    private void Start(HttpContent content)
    {
        if (_timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            content.Dispose();
            FailBeforeStart(new RpcException(StatusCode.DeadlineExceeded, "The deadline had already passed when the call started."));
            return;
        }
        _request = BuildRequest(content);
        _responseTask = ReceiveHeadersAsync(_request);
    }

    private HttpRequestMessage BuildRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcHeaders.Te, "trailers");
        headers.TryAddWithoutValidation(GrpcHeaders.UserAgent, "registry-grpc-dotnet/1.0");
        headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, GrpcHeaders.SupportedEncodings);
        if (ChannelOptions.CompressRequests)
            headers.TryAddWithoutValidation(GrpcHeaders.Encoding, "gzip");
        if (_timeout is { } timeout)
            headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeout.Format(timeout));
        var callHeaders = _options.Headers ?? Enumerable.Empty<Metadata.Entry>();
        var channelHeaders = (ChannelOptions.Headers ?? Enumerable.Empty<Metadata.Entry>())
            .Where(entry => _options.Headers?.GetAll(entry.Key).Any() != true);
        foreach (var entry in channelHeaders.Concat(callHeaders))
            headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? Base64Metadata.Encode(entry.ValueBytes) : entry.Value);
        return request;
    }

    private async Task<HttpResponseMessage> ReceiveHeadersAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _callToken).ConfigureAwait(false);
            Volatile.Write(ref _response, response);
            // A cancel that raced SendAsync found no response to abort; abort it now.
            _callToken.ThrowIfCancellationRequested();
            ReadResponseHeaders(response);
            _headers.TrySetResult(ResponseMetadata.From(response.Headers));
            return response;
        }
        catch (Exception e)
        {
            var failure = Fail(e);
            _headers.TrySetException(failure);
            throw failure;
        }
    }

    private void ReadResponseHeaders(HttpResponseMessage response)
    {
        // Trailers-only: the whole call's outcome came in the headers, with no body.
        if (StatusHeaders.Decode(name => ResponseMetadata.FirstValue(response.Headers, name)) is { } status)
        {
            _trailersOnlyStatus = new RpcException(status.Status, ResponseMetadata.From(response.Headers), status.Details);
            return;
        }
        if (response.StatusCode != HttpStatusCode.OK)
            throw new RpcException(TransportStatus.FromHttpStatus(response.StatusCode));
        var contentType = ResponseMetadata.FirstValue(response.Content.Headers, "content-type");
        if (!GrpcHeaders.IsGrpcContentType(contentType))
            throw new RpcException(StatusCode.Internal, $"Bad gRPC response: content-type '{contentType ?? "(none)"}' is not {GrpcHeaders.ContentType}.");
        _responseEncoding = ResponseMetadata.FirstValue(response.Headers, GrpcHeaders.Encoding);
    }

    private static RpcException StatusFromTrailers(HttpResponseMessage response)
    {
        var status = StatusHeaders.Decode(name => ResponseMetadata.FirstValue(response.TrailingHeaders, name));
        if (status is null)
            return new RpcException(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        return new RpcException(status.Value.Status, ResponseMetadata.From(response.TrailingHeaders), status.Value.Details);
    }

    /// <summary>Settles the status the server sent; a non-OK one is thrown.</summary>
    private void Finish(RpcException outcome)
    {
        if (outcome.StatusCode != StatusCode.OK)
            throw outcome;
        // The local timer may fire a little late; an OK that arrives after the deadline is still too late.
        if (DateTime.UtcNow >= _deadline)
            throw new RpcException(StatusCode.DeadlineExceeded, "The call's deadline passed before it ended.");
        lock (_gate)
        {
            if (_status is not null)
                return;
            _status = outcome.Status;
            _trailers = outcome.Trailers;
        }
        _reader?.Complete();
        Release();
    }

    /// <summary>Settles the call as failed (first failure wins), resets the stream, and returns what to throw.</summary>
    private RpcException Fail(Exception exception)
    {
        RpcException failure;
        lock (_gate)
        {
            if (_failure is not null)
                return _failure;
            failure = _failure = ToRpcException(exception);
            _status = failure.Status;
            _trailers = failure.Trailers;
        }
        Cancel();
        Release();
        return failure;
    }

    private void FailBeforeStart(RpcException failure)
    {
        Fail(failure);
        _responseTask = Task.FromException<HttpResponseMessage>(failure);
        _headers.TrySetException(failure);
    }

    private RpcException ToRpcException(Exception exception)
    {
        if (exception is RpcException rpc)
            return rpc;
        if (_deadlineCts?.IsCancellationRequested == true)
            return new RpcException(StatusCode.DeadlineExceeded, "The call's deadline passed.");
        if (_callCts.IsCancellationRequested || exception is OperationCanceledException)
            return new RpcException(StatusCode.Cancelled, "The call was cancelled by the client.");
        if (exception is InvalidProtocolBufferException)
            return new RpcException(StatusCode.Internal, "Failed to parse the response message: " + exception.Message);
        if (TransportStatus.FromException(exception) is { } transport)
            return new RpcException(transport);
        return new RpcException(StatusCode.Internal, $"The call failed: {exception.GetType().Name}: {exception.Message}");
    }

    // A write usually fails because the server already ended the call; report the server's status when it has one.
    // HttpClient cancels the request body once the server has ended the response: that cancellation is not the
    // caller's, so it too defers to the server's status.
    private async Task<RpcException> WriteFailureAsync(Exception exception)
    {
        if (exception is RpcException || _callToken.IsCancellationRequested)
            return Fail(exception);
        try
        {
            await _responseTask.ConfigureAwait(false);
        }
        catch (RpcException failure)
        {
            return failure;
        }
        return Fail(_trailersOnlyStatus is { StatusCode: not StatusCode.OK } serverStatus ? serverStatus : exception);
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
            throw failure;
    }

    private void ThrowIfEnded()
    {
        ThrowIfFailed();
        if (_status is not null)
            throw new InvalidOperationException("The call has already ended.");
    }

    /// <summary>Ends the call from the client side; an unfinished HTTP/2 stream is reset.</summary>
    private void Cancel()
    {
        try
        {
            _callCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call already ended and released its token source; nothing left to cancel.
        }
    }

    private CancellationTokenRegistration CancelCallWhen(CancellationToken token) =>
        token.Register(static state => ((GrpcCall<TResponse>)state!).Cancel(), this);

    private void AbortTransport()
    {
        _requestStream?.Abort();
        Volatile.Read(ref _response)?.Dispose();
    }

    private void Release()
    {
        _abortOnCancel.Dispose();
        _requestStream?.Abort();
        Volatile.Read(ref _response)?.Dispose();
        _request?.Dispose();
        _deadlineCts?.Dispose();
        _callCts.Dispose();
    }
}
