using System.Collections;

namespace Registry.Grpc;

/// <summary>
/// Custom metadata of a call: request headers, response headers or trailers. Keys are lower-case;
/// keys ending in <c>-bin</c> carry bytes (base64 on the wire), all others printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        _entries.Add(Entry.Text(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(Entry.Binary(key, value));
        return this;
    }

    internal void Add(Entry entry) => _entries.Add(entry);

    /// <summary>The last text value for a key, or null.</summary>
    public string? GetValue(string key) => _entries.LastOrDefault(e => e.Key == Normalize(key))?.Value;

    /// <summary>The last binary value for a key, or null.</summary>
    public byte[]? GetBytes(string key) => _entries.LastOrDefault(e => e.Key == Normalize(key))?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key) => _entries.Where(e => e.Key == Normalize(key));

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string Normalize(string key) => key.ToLowerInvariant();

    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One key and its value; exactly one of <see cref="Value"/> and <see cref="ValueBytes"/> is set.</summary>
    public sealed class Entry
    {
        private Entry(string key, string? value, byte[]? bytes)
        {
            Key = key;
            Value = value;
            ValueBytes = bytes;
        }

        public string Key { get; }
        public string? Value { get; }
        public byte[]? ValueBytes { get; }
        public bool IsBinary => ValueBytes is not null;

        public static Entry Text(string key, string value)
        {
            key = ValidKey(key);
            if (IsBinaryKey(key))
                throw new ArgumentException($"Metadata key '{key}' ends in '-bin' and needs a binary value.", nameof(key));
            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                    throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII.", nameof(value));
            }
            return new Entry(key, value, null);
        }

        public static Entry Binary(string key, byte[] value)
        {
            key = ValidKey(key);
            if (!IsBinaryKey(key))
                throw new ArgumentException($"Metadata key '{key}' carries bytes and must end in '-bin'.", nameof(key));
            return new Entry(key, null, value);
        }

        /// <summary>An entry as a peer sent it: kept as it came, since it was not ours to validate.</summary>
        internal static Entry Received(string key, string? value, byte[]? bytes) => new(key, value, bytes);

        private static string ValidKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            key = Normalize(key);
            foreach (var c in key)
            {
                var allowed = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
                if (!allowed)
                    throw new ArgumentException($"Metadata key '{key}' may hold only a-z, 0-9, '-', '_' and '.'.", nameof(key));
            }
            if (key.StartsWith("grpc-", StringComparison.Ordinal))
                throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
            return key;
        }

        public override string ToString() => IsBinary ? $"{Key}: <{ValueBytes!.Length} bytes>" : $"{Key}: {Value}";
    }
}
