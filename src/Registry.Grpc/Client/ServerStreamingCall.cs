using System.Runtime.CompilerServices;

namespace Registry.Grpc.Client;

/// <summary>A server-streaming call in flight: read the replies with <see cref="ReadAllAsync"/>.</summary>
public sealed class ServerStreamingCall<TResponse> : IDisposable
    where TResponse : class, Google.Protobuf.IMessage<TResponse>
{
    private readonly GrpcCall<TResponse> _call;

    internal ServerStreamingCall(GrpcCall<TResponse> call) => _call = call;

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>
    /// The replies in order; ends when the server ends the call with OK, throws <see cref="RpcException"/>
    /// otherwise. Cancelling <paramref name="cancellationToken"/> cancels the whole call.
    /// </summary>
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
