namespace Registry.Grpc.Client;

/// <summary>A client-streaming call in flight: write requests, complete, then await the response.</summary>
public sealed class ClientStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, Google.Protobuf.IMessage<TRequest>
    where TResponse : class, Google.Protobuf.IMessage<TResponse>
{
    private readonly GrpcCall<TResponse> _call;

    internal ClientStreamingCall(GrpcCall<TResponse> call, RequestWriter<TRequest> requestStream)
    {
        _call = call;
        RequestStream = requestStream;
        ResponseAsync = call.ReadSingleAsync();
    }

    public RequestWriter<TRequest> RequestStream { get; }

    /// <summary>The response; faults with <see cref="RpcException"/> on any status but OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _call.Dispose();
}
