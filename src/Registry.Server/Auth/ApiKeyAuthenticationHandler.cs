using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>The options of <see cref="ApiKeyAuthenticationHandler"/>: the keys it accepts.</summary>
internal sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public ApiKeyTable Keys { get; set; } = new([]);
}

/// <summary>
/// Authenticates a call by its <c>x-api-key</c> header (the key's SHA-256 looked up in the configured table),
/// and gives the reason for every call that carries no usable credential at all: none, more than one, or an
/// authorization header that is not a bearer token this registry accepts. A failure names its kind, never the credential.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers[Credential.AuthorizationHeader];
        var apiKey = Request.Headers[Credential.ApiKeyHeader];
        if (authorization.Count + apiKey.Count == 0)
            return Fail($"no credential: send '{Credential.AuthorizationHeader}: Bearer <token>' or '{Credential.ApiKeyHeader}: <key>'");
        if (authorization.Count + apiKey.Count > 1)
            return Fail("more than one credential: send exactly one");
        // A lone bearer token is handled here only when no bearer scheme is configured (CredentialSchemes).
        if (authorization.Count == 1)
        {
            return Fail(CredentialSchemes.IsBearer(authorization.ToString())
                ? "this registry accepts no bearer tokens (no Auth:Jwt configured)"
                : "the authorization header is not 'Bearer <token>'");
        }

        var (entry, failure) = Options.Keys.Find(apiKey.ToString());
        if (entry is null)
            return Fail(failure!);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(entry.Principal, SchemeName)));
    }

    private static Task<AuthenticateResult> Fail(string reason) => Task.FromResult(AuthenticateResult.Fail(reason));
}
