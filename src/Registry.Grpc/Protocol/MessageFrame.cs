using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Registry.Grpc.Protocol;

/// <summary>
/// A length-prefixed message: one byte compressed-flag, four bytes big-endian length, then the payload.
/// The header may straddle buffer segments, so everything here works on sequences.
/// </summary>
public static class MessageFrame
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>, or returns false when more bytes are
    /// needed. A frame announcing more than <paramref name="maxLength"/> bytes fails at once, before any
    /// of it is buffered.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxLength, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < HeaderSize)
            return false;

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(StatusCode.Internal, $"Invalid compressed-flag byte {header[0]} in message frame."),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxLength)
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxLength}).");
        if (buffer.Length < HeaderSize + length)
            return false;

        payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Inflates a gzip payload, refusing to grow past <paramref name="maxLength"/> bytes.</summary>
    public static byte[] Gunzip(ReadOnlySequence<byte> payload, int maxLength)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(payload.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (output.Length + read > maxLength)
                        throw new RpcException(StatusCode.ResourceExhausted, $"Decompressed message larger than max ({maxLength} bytes).");
                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new RpcException(StatusCode.Internal, "Compressed message is not valid gzip: " + e.Message);
        }
    }

    public static byte[] Gzip(ReadOnlySpan<byte> payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(payload);
        return output.ToArray();
    }
}
