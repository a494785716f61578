using System.Runtime.CompilerServices;

namespace Registry.Grpc.Client;

/// <summary>A unary call in flight. Await it (or <see cref="ResponseAsync"/>) for the response.</summary>
public sealed class UnaryCall<TResponse> : IDisposable
    where TResponse : class, Google.Protobuf.IMessage<TResponse>
{
    private readonly GrpcCall<TResponse> _call;

    internal UnaryCall(GrpcCall<TResponse> call, Task<TResponse> response)
    {
        _call = call;
        ResponseAsync = response;
    }

    /// <summary>The response; faults with <see cref="RpcException"/> on any status but OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; only once the call has ended.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; only once the call has ended.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _call.Dispose();
}
