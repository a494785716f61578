using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Registry.Grpc.Protocol;

/// <summary>Reads length-prefixed messages off a body, one at a time, on either side of a call.</summary>
internal static class MessageReader
{
    /// <summary>
    /// The next message, or null when the body ended cleanly. A body that ends inside a frame, a payload that is
    /// not a <typeparamref name="T"/>, or a compressed payload the peer named no encoding for, is INTERNAL.
    /// </summary>
    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, int maxLength, bool gzipEncoded,
        CancellationToken cancellationToken) where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (MessageFrame.TryRead(ref buffer, maxLength, out var compressed, out var payload))
            {
                try
                {
                    return Parse(parser, payload, compressed, gzipEncoded, maxLength);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
            }
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover > 0)
                    throw new RpcException(StatusCode.Internal, $"The stream ended inside a message frame ({leftover} bytes of an incomplete frame).");
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, bool gzipEncoded, int maxLength)
        where T : IMessage<T>
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
