using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// Reads JSON strings into one instance per recently met value: claims repeat their outlets, languages, units,
/// attributes, titles and addresses, and the states kept in memory held a copy of each per claim.
/// A fixed number of slots, each replaced whole (no locks): a miss only means a new string.
/// </summary>
internal sealed class RecentStrings : JsonConverter<string>
{
    // Longer strings are rarely repeated (quotes, notes), and would cost more to compare than to copy.
    private const int MaxBytes = 128;
    private const int SlotBits = 12;

    private readonly Slot?[] _slots = new Slot?[1 << SlotBits];

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxBytes)
            return reader.GetString();
        var utf8 = reader.ValueSpan;
        var index = (int)((uint)Hash(utf8) >> (32 - SlotBits));
        if (Volatile.Read(ref _slots[index]) is { } slot && slot.Utf8.AsSpan().SequenceEqual(utf8))
            return slot.Value;
        var value = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref _slots[index], new Slot(utf8.ToArray(), value));
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private sealed record Slot(byte[] Utf8, string Value);
}
