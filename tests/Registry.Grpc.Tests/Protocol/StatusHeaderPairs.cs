using Microsoft.AspNetCore.Http;
using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

/// <summary>The header fields StatusHeaders.Write produces, as plain name/value pairs for assertions and fakes.</summary>
internal static class StatusHeaderPairs
{
    public static List<KeyValuePair<string, string>> Of(Status status, Google.Rpc.Status? details)
    {
        var headers = new HeaderDictionary();
        StatusHeaders.Write(headers, status, details);
        return headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())).ToList();
    }
}
