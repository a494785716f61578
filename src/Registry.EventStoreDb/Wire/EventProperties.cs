using System.Text.Json;

namespace Registry.EventStoreDb.Wire;

/// <summary>The keys of an event's protocol metadata map, and the "created" clock.</summary>
public static class EventProperties
{
    public const string Type = "type";
    public const string ContentType = "content-type";

    /// <summary>Record time: 100 ns ticks since the Unix epoch, as a decimal string.</summary>
    public const string Created = "created";

    public const string JsonContentType = Registry.EventStore.EventData.JsonContentType;
    public const string BinaryContentType = "application/octet-stream";

    public static string FormatCreated(DateTimeOffset created) =>
        (created.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseCreated(string? created) =>
        long.TryParse(created, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero)
            : DateTimeOffset.UnixEpoch;

    /// <summary>
    /// The store port keeps no content type: data that parses as JSON is marked JSON (what EventStoreDB's own
    /// tools show as JSON), anything else as bytes.
    /// </summary>
    public static string ContentTypeOf(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
            return BinaryContentType;
        try
        {
            using var document = JsonDocument.Parse(data);
            return JsonContentType;
        }
        catch (JsonException)
        {
            return BinaryContentType;
        }
    }
}
