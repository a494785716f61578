using Grpc.Core;

namespace Registry.Client.Credentials;

/// <summary>What proves who a caller is: a bearer token (a signed JWT) or an API key. Never printed.</summary>
public abstract record Credential
{
    public const string AuthorizationHeader = "authorization";
    public const string ApiKeyHeader = "x-api-key";

    private Credential()
    {
    }

    public sealed record Bearer(string Token) : Credential
    {
        public override void AddTo(Metadata headers) => headers.Add(AuthorizationHeader, $"Bearer {Token}");

        public override string ToString() => "Bearer token";
    }

    public sealed record ApiKey(string Key) : Credential
    {
        public override void AddTo(Metadata headers) => headers.Add(ApiKeyHeader, Key);

        public override string ToString() => "API key";
    }

    public abstract void AddTo(Metadata headers);

    /// <summary>The headers a channel sends with every call.</summary>
    public Metadata ToHeaders()
    {
        var headers = new Metadata();
        AddTo(headers);
        return headers;
    }

    /// <summary>
    /// A credential from text as kept in a file or variable: a JWT (three dot-separated base64url parts)
    /// is a bearer token, anything else an API key. Surrounding white space is dropped.
    /// </summary>
    public static Credential Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new FormatException("The credential is empty.");
        if (trimmed.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return new Bearer(trimmed[7..].Trim());
        return LooksLikeJwt(trimmed) ? new Bearer(trimmed) : new ApiKey(trimmed);
    }

    private static bool LooksLikeJwt(string text) =>
        text.StartsWith("eyJ", StringComparison.Ordinal) && text.Count(c => c == '.') == 2;
}
