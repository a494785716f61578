using System.Net;
using System.Net.Http.Headers;
using Registry.Grpc.Protocol;

namespace Registry.Grpc.Client;

/// <summary>
/// The request body of a client- or duplex-streaming call. HttpClient hands us the HTTP/2 request stream when
/// it starts sending; we keep it open, the call's writer writes and flushes one frame at a time, and the body
/// ends (END_STREAM) when the writer completes.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent() => Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);

    public Task<Stream> WaitForStreamAsync(CancellationToken cancellationToken) => _stream.Task.WaitAsync(cancellationToken);

    /// <summary>No more messages: lets HttpClient end the request body.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>The call is over: stop waiting for messages that will never come.</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        return _completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
