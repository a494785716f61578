using Google.Protobuf;

namespace Registry.Grpc.Client;

/// <summary>The request side of a client- or duplex-streaming call. One write at a time; complete when done.</summary>
public sealed class RequestWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
{
    private readonly IStreamingCall _call;
    private readonly StreamingRequestContent _content;
    private int _writing;
    private bool _completed;

    internal RequestWriter(IStreamingCall call, StreamingRequestContent content)
    {
        _call = call;
        _content = content;
    }

    /// <summary>Sends one message and flushes it. Throws <see cref="RpcException"/> when the call has failed.</summary>
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
            throw new InvalidOperationException("The request stream is already complete.");
        if (Interlocked.Exchange(ref _writing, 1) == 1)
            throw new InvalidOperationException("Another write is still in progress; await it first.");
        try
        {
            await _call.WriteAsync(_content, message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Tells the server no more messages follow (ends the HTTP/2 request body).</summary>
    public Task CompleteAsync()
    {
        _completed = true;
        _content.Complete();
        return Task.CompletedTask;
    }
}
