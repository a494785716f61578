using Google.Protobuf;

namespace Registry.Grpc.Server;

/// <summary>The request messages of a client-streaming or bidirectional call, until the client half-closes.</summary>
internal sealed class RequestStream<T>(ServerCall call, MessageParser<T> parser) : IAsyncEnumerable<T>
    where T : class, IMessage<T>
{
    private int _enumerated;

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
            throw new InvalidOperationException("The request stream can be read only once.");
        while (await call.ReadMessageAsync(parser) is { } message)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return message;
        }
    }
}

/// <summary>The response messages of a server-streaming or bidirectional call, flushed one by one.</summary>
internal sealed class ResponseStream<T>(ServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(message, flush: true, cancellationToken).AsTask();
}
