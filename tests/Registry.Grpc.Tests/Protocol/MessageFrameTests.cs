using System.Buffers;
using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

public class MessageFrameTests
{
    [Fact]
    public void Reads_a_frame_whose_header_straddles_segments()
    {
        var buffer = Segments([0, 0], [0, 0, 3, 1], [2, 3, 9]);

        Assert.True(MessageFrame.TryRead(ref buffer, 100, out var compressed, out var payload));

        Assert.False(compressed);
        Assert.Equal(new byte[] { 1, 2, 3 }, payload.ToArray());
        Assert.Equal(new byte[] { 9 }, buffer.ToArray());
    }

    [Fact]
    public void Reads_a_frame_delivered_one_byte_per_segment()
    {
        byte[] frame = [1, 0, 0, 0, 2, 0xAA, 0xBB];
        var buffer = Segments(frame.Select(b => new[] { b }).ToArray());

        Assert.True(MessageFrame.TryRead(ref buffer, 100, out var compressed, out var payload));

        Assert.True(compressed);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, payload.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 4, 1, 2, 3 })]
    public void Needs_more_bytes_for_an_incomplete_frame_and_leaves_the_buffer_alone(byte[] bytes)
    {
        var buffer = Segments(bytes);

        Assert.False(MessageFrame.TryRead(ref buffer, 100, out _, out _));
        Assert.Equal(bytes.Length, buffer.Length);
    }

    [Fact]
    public void Reads_consecutive_frames_in_order()
    {
        var buffer = Segments([0, 0, 0, 0, 1, 7, 0, 0, 0], [0, 0]);

        Assert.True(MessageFrame.TryRead(ref buffer, 100, out _, out var first));
        Assert.True(MessageFrame.TryRead(ref buffer, 100, out _, out var second));

        Assert.Equal(new byte[] { 7 }, first.ToArray());
        Assert.True(second.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Rejects_an_over_limit_length_from_the_header_alone()
    {
        // Only the header has arrived: the limit must be enforced before the payload is waited for.
        var buffer = Segments([0, 0, 0, 0x10, 0x01]);

        var error = Assert.Throws<RpcException>(() => MessageFrame.TryRead(ref buffer, 4096, out _, out _));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Accepts_a_frame_exactly_at_the_limit()
    {
        var frame = new byte[5 + 4];
        MessageFrame.WriteHeader(frame, compressed: false, 4);
        var buffer = Segments(frame);

        Assert.True(MessageFrame.TryRead(ref buffer, 4, out _, out var payload));
        Assert.Equal(4, payload.Length);
    }

    [Fact]
    public void Rejects_a_compressed_flag_other_than_zero_or_one()
    {
        var buffer = Segments([2, 0, 0, 0, 0]);

        var error = Assert.Throws<RpcException>(() => MessageFrame.TryRead(ref buffer, 100, out _, out _));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public void WriteHeader_writes_flag_and_big_endian_length()
    {
        var header = new byte[5];
        MessageFrame.WriteHeader(header, compressed: true, 0x01020304);
        Assert.Equal(new byte[] { 1, 1, 2, 3, 4 }, header);
    }

    [Fact]
    public void Gzip_round_trips()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 7)).ToArray();

        var unzipped = MessageFrame.Gunzip(new ReadOnlySequence<byte>(MessageFrame.Gzip(data)), data.Length);

        Assert.Equal(data, unzipped);
    }

    [Fact]
    public void Gunzip_refuses_to_inflate_past_the_limit()
    {
        var zipped = MessageFrame.Gzip(new byte[100_000]);

        var error = Assert.Throws<RpcException>(() => MessageFrame.Gunzip(new ReadOnlySequence<byte>(zipped), 99_999));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Gunzip_of_garbage_is_internal()
    {
        var error = Assert.Throws<RpcException>(() => MessageFrame.Gunzip(new ReadOnlySequence<byte>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]), 100));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        if (parts.Length == 0)
            return ReadOnlySequence<byte>.Empty;
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
            last = last.Append(part);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
