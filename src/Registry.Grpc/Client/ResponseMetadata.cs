using System.Net.Http.Headers;
using Registry.Grpc.Protocol;

namespace Registry.Grpc.Client;

/// <summary>Reads custom metadata out of response headers or trailers, leaving the protocol's own headers out.</summary>
internal static class ResponseMetadata
{
    public static Metadata From(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            var key = name.ToLowerInvariant();
            if (GrpcHeaders.IsReserved(key))
                continue;
            foreach (var value in values)
            {
                if (TryEntry(key, value) is { } entry)
                    metadata.Add(entry);
            }
        }
        return metadata;
    }

    public static string? FirstValue(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // A header that is not valid gRPC metadata (bad base64, non-ASCII text) is dropped rather than failing a call
    // whose messages and status are fine.
    private static Metadata.Entry? TryEntry(string key, string value)
    {
        try
        {
            return Metadata.IsBinaryKey(key)
                ? Metadata.Entry.Binary(key, Base64Metadata.Decode(value))
                : Metadata.Entry.Text(key, value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
    }
}
