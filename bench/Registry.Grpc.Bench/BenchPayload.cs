using System.Buffers.Binary;
using Google.Protobuf;
using Registry.Grpc.Bench.Protos;

namespace Registry.Grpc.Bench;

/// <summary>
/// What both servers receive and echo, framed as gRPC puts a message on the wire (1-byte compressed flag,
/// 4-byte big-endian length, the message). Only the load's request body and the bare server's fixed reply are
/// framed here; the grpc-dotnet server frames its replies itself.
/// </summary>
internal static class BenchPayload
{
    public const string Text = "registry bench: unary echo";

    private const int PrefixSize = 5;

    public static byte[] FramedRequest() => Frame(new EchoRequest { Text = Text });

    public static byte[] FramedReply() => Frame(new EchoReply { Text = Text });

    private static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[PrefixSize + size];
        frame[0] = 0; // not compressed
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(PrefixSize));
        return frame;
    }
}
