namespace Registry.EventStoreDb.Connection;

/// <summary>A node's gRPC endpoint.</summary>
public readonly record struct Endpoint(string Host, int Port)
{
    public const int DefaultPort = 2113;

    public Uri ToUri(bool tls) => new UriBuilder(tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port).Uri;

    public override string ToString() => $"{Host}:{Port}";
}
