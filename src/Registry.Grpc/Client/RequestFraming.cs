using Google.Protobuf;
using Registry.Grpc.Protocol;

namespace Registry.Grpc.Client;

/// <summary>Turns one request message into one length-prefixed frame, enforcing the send limit first.</summary>
internal static class RequestFraming
{
    public static byte[] Frame(IMessage message, GrpcChannelOptions options)
    {
        var size = message.CalculateSize();
        if (size > options.MaxSendMessageSize)
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {options.MaxSendMessageSize}).");

        if (options.CompressRequests)
            return WithHeader(MessageFrame.Gzip(message.ToByteArray()), compressed: true);

        var frame = new byte[MessageFrame.HeaderSize + size];
        MessageFrame.WriteHeader(frame, compressed: false, size);
        message.WriteTo(frame.AsSpan(MessageFrame.HeaderSize));
        return frame;
    }

    private static byte[] WithHeader(byte[] payload, bool compressed)
    {
        var frame = new byte[MessageFrame.HeaderSize + payload.Length];
        MessageFrame.WriteHeader(frame, compressed, payload.Length);
        payload.CopyTo(frame.AsSpan(MessageFrame.HeaderSize));
        return frame;
    }
}
