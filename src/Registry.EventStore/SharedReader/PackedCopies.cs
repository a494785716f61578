namespace Registry.EventStore.SharedReader;

/// <summary>
/// Copies of events as the window keeps them: payloads side by side in large buffers, and one instance of each
/// stream and type name. A window of tens of thousands of events is then a few objects per event for the
/// garbage collector, not a few buffers and strings each: under load every event survived two collections
/// and was copied by both, which made up much of their pauses.
/// Used by the window's one writer (the shared reader), so it takes no locks.
/// </summary>
internal sealed class PackedCopies
{
    // Large enough to live on the large object heap, where collections of the young generations never move it.
    private const int BlockSize = 1 << 20;
    // Names are few (streams, event types); the bound only keeps a log of endless new streams from growing it.
    private const int MaxNames = 100_000;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private byte[] _block = [];
    private int _used;

    public RecordedEvent Copy(RecordedEvent recorded)
    {
        var data = Pack(recorded.Data.Span);
        var metadata = Pack(recorded.Metadata.Span);
        return recorded with { Stream = Name(recorded.Stream), Type = Name(recorded.Type), Data = data, Metadata = metadata };
    }

    private ReadOnlyMemory<byte> Pack(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
            return ReadOnlyMemory<byte>.Empty;
        // A payload too large to share a block keeps a buffer of its own.
        if (bytes.Length > BlockSize / 4)
            return bytes.ToArray();
        if (_block.Length - _used < bytes.Length)
        {
            // The old block stays alive while an event in it does; nothing is ever written into it again.
            _block = GC.AllocateUninitializedArray<byte>(BlockSize);
            _used = 0;
        }
        var packed = new Memory<byte>(_block, _used, bytes.Length);
        bytes.CopyTo(packed.Span);
        _used += bytes.Length;
        return packed;
    }

    private string Name(string name)
    {
        if (_names.TryGetValue(name, out var known))
            return known;
        if (_names.Count >= MaxNames)
            _names.Clear();
        _names[name] = name;
        return name;
    }
}
