using Registry.EventStore.SharedReader;

namespace Registry.EventStore.Tests.SharedReader;

/// <summary>The window's packed copies hold exactly what the log gave, whatever buffer they landed in.</summary>
public sealed class PackedCopiesTests
{
    [Fact]
    public void Copies_keep_every_field_and_byte_across_buffer_boundaries_and_for_payloads_too_large_to_share_one()
    {
        var copies = new PackedCopies();
        var random = new Random(7);
        var originals = new List<RecordedEvent>();
        var packed = new List<RecordedEvent>();
        // Enough bytes to fill several shared buffers, with sizes that straddle their ends, and a few of 300 KB.
        for (var i = 0; i < 400; i++)
        {
            var data = new byte[i % 50 == 0 ? 300_000 : random.Next(0, 20_000)];
            var metadata = new byte[random.Next(0, 600)];
            random.NextBytes(data);
            random.NextBytes(metadata);
            var original = new RecordedEvent(Guid.NewGuid(), $"stream-{i % 7}", i, Position.At((ulong)i + 1), $"Type{i % 3}.v1", data, metadata,
                DateTimeOffset.UnixEpoch.AddSeconds(i));
            originals.Add(original);
            packed.Add(copies.Copy(original));
            // The log reader's buffers may be reused or changed once handed over: the copy must not share them.
            data.AsSpan().Clear();
            metadata.AsSpan().Clear();
        }

        random = new Random(7);
        for (var i = 0; i < originals.Count; i++)
        {
            var expectedData = new byte[i % 50 == 0 ? 300_000 : random.Next(0, 20_000)];
            var expectedMetadata = new byte[random.Next(0, 600)];
            random.NextBytes(expectedData);
            random.NextBytes(expectedMetadata);
            var (original, copy) = (originals[i], packed[i]);
            Assert.Equal(expectedData, copy.Data.ToArray());
            Assert.Equal(expectedMetadata, copy.Metadata.ToArray());
            Assert.Equal((original.EventId, original.Stream, original.Revision, original.Position, original.Type, original.Created),
                (copy.EventId, copy.Stream, copy.Revision, copy.Position, copy.Type, copy.Created));
        }
    }

    [Fact]
    public void Each_stream_and_type_name_is_kept_once()
    {
        var copies = new PackedCopies();
        RecordedEvent Event(int i) => new(Guid.NewGuid(), new string("program-a".AsSpan()), i, Position.At((ulong)i + 1),
            new string("ProgramAnnounced.v1".AsSpan()), new byte[] { 1 }, ReadOnlyMemory<byte>.Empty, DateTimeOffset.UnixEpoch);

        var first = copies.Copy(Event(0));
        var second = copies.Copy(Event(1));

        Assert.Same(first.Stream, second.Stream);
        Assert.Same(first.Type, second.Type);
    }
}
