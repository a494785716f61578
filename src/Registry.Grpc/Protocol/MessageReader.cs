using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Registry.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages off one body, one at a time, on either side of a call. It remembers when a
/// read already showed the end of the body, so the common single-message body costs one read, not two (each
/// read and advance takes the HTTP/2 stream's lock, contended by the connection's own thread).
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxLength, bool gzipEncoded)
{
    private bool _ended;

    /// <summary>
    /// The next message, or null when the body ended cleanly. A body that ends inside a frame, a payload that is
    /// not a <typeparamref name="T"/>, or a compressed payload the peer named no encoding for, is INTERNAL.
    /// </summary>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken) where T : class, IMessage<T>
    {
        if (_ended)
            return null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (MessageFrame.TryRead(ref buffer, maxLength, out var compressed, out var payload))
            {
                try
                {
                    return Parse(parser, payload, compressed);
                }
                finally
                {
                    _ended = result.IsCompleted && buffer.IsEmpty;
                    reader.AdvanceTo(buffer.Start);
                }
            }
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                _ended = true;
                if (leftover > 0)
                    throw new RpcException(StatusCode.Internal, $"The stream ended inside a message frame ({leftover} bytes of an incomplete frame).");
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed) where T : IMessage<T>
    {
        try
        {
            if (!compressed)
                return parser.ParseFrom(payload);
            if (!gzipEncoded)
                throw new RpcException(StatusCode.Internal, "A message is flagged compressed but no grpc-encoding was named for it.");
            return parser.ParseFrom(MessageFrame.Gunzip(payload, maxLength));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"A message is not a valid {typeof(T).Name}: {e.Message}");
        }
    }
}
