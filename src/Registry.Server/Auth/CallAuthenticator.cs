using Microsoft.AspNetCore.Http;
using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>
/// Finds the one credential a call carries (<c>authorization: Bearer &lt;jwt&gt;</c> or <c>x-api-key</c>) and
/// checks it. What it reports names the kind of failure, never the credential.
/// </summary>
internal sealed class CallAuthenticator(BearerTokens? bearerTokens, ApiKeyTable apiKeys)
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<Authentication> AuthenticateAsync(IHeaderDictionary headers)
    {
        var authorization = headers[Credential.AuthorizationHeader];
        var apiKey = headers[Credential.ApiKeyHeader];
        if (authorization.Count + apiKey.Count == 0)
            return Authentication.Failed($"no credential: send '{Credential.AuthorizationHeader}: Bearer <token>' or '{Credential.ApiKeyHeader}: <key>'");
        if (authorization.Count + apiKey.Count > 1)
            return Authentication.Failed("more than one credential: send exactly one");
        if (apiKey.Count == 1)
            return apiKeys.Authenticate(apiKey.ToString());

        var value = authorization.ToString();
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return Authentication.Failed("the authorization header is not 'Bearer <token>'");
        if (bearerTokens is null)
            return Authentication.Failed("this registry accepts no bearer tokens (no Auth:Jwt configured)");
        return await bearerTokens.AuthenticateAsync(value[BearerPrefix.Length..].Trim()).ConfigureAwait(false);
    }
}
