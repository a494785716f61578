using System.Runtime.CompilerServices;

namespace Registry.Grpc.Client;

/// <summary>A duplex call in flight: write requests and read replies independently.</summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, Google.Protobuf.IMessage<TRequest>
    where TResponse : class, Google.Protobuf.IMessage<TResponse>
{
    private readonly GrpcCall<TResponse> _call;

    internal DuplexStreamingCall(GrpcCall<TResponse> call, RequestWriter<TRequest> requestStream)
    {
        _call = call;
        RequestStream = requestStream;
    }

    public RequestWriter<TRequest> RequestStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The replies in order; ends on OK, throws <see cref="RpcException"/> on any other status.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _call.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } message)
            yield return message;
    }

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _call.Dispose();
}
