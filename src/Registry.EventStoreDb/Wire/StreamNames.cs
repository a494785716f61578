using Google.Protobuf;

namespace Registry.EventStoreDb.Wire;

/// <summary>Stream names travel as UTF-8 bytes.</summary>
public static class StreamNames
{
    public static StreamIdentifier Identifier(string stream) => new() { StreamName = ByteString.CopyFromUtf8(stream) };

    public static string Name(StreamIdentifier? identifier) => identifier?.StreamName.ToStringUtf8() ?? string.Empty;

    /// <summary>System streams (metadata, statistics, projections) start with '$' and are not the application's log.</summary>
    public static bool IsSystem(string stream) => stream.StartsWith('$');
}
