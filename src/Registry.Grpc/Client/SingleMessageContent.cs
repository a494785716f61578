using System.Net;
using System.Net.Http.Headers;
using Registry.Grpc.Protocol;

namespace Registry.Grpc.Client;

/// <summary>The request body of a unary or server-streaming call: one frame, known in advance.</summary>
internal sealed class SingleMessageContent : HttpContent
{
    private readonly byte[] _frame;

    public SingleMessageContent(byte[] frame)
    {
        _frame = frame;
        Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _frame.Length;
        return true;
    }
}
