using Microsoft.AspNetCore.Http;

namespace Registry.Grpc.Protocol;

/// <summary>Custom metadata to and from HTTP/2 header fields: <c>-bin</c> values as base64, protocol headers left out.</summary>
public static class MetadataHeaders
{
    /// <summary>Adds every entry to <paramref name="headers"/> (response headers or trailers), keeping repeated keys.</summary>
    public static void Append(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
            headers.Append(entry.Key, Value(entry));
    }

    private static string Value(Metadata.Entry entry) => entry.IsBinary ? Base64Metadata.Encode(entry.ValueBytes) : entry.Value!;

    /// <summary>
    /// Custom metadata from header fields. A <c>-bin</c> value that is not base64 is a protocol error
    /// (INTERNAL); a header holding several comma-joined <c>-bin</c> values yields each of them.
    /// </summary>
    public static Metadata Decode(IEnumerable<(string Key, string Value)> headers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in headers)
        {
            if (GrpcHeaders.IsReserved(key))
                continue;
            var name = key.ToLowerInvariant();
            if (!Metadata.IsBinaryKey(name))
            {
                metadata.Add(Metadata.Entry.Received(name, value, null));
                continue;
            }
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
            {
                try
                {
                    metadata.Add(Metadata.Entry.Received(name, null, Base64Metadata.Decode(part)));
                }
                catch (FormatException)
                {
                    throw new RpcException(StatusCode.Internal, $"Metadata '{name}' is not valid base64.");
                }
            }
        }
        return metadata;
    }
}
