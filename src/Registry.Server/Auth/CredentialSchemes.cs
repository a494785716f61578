using Microsoft.AspNetCore.Authentication.JwtBearer;
using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>
/// The registry's default authentication scheme: a policy scheme that hands a call carrying exactly one
/// bearer token to the JwtBearer handler (when tokens are configured) and every other call to the API-key
/// handler, which also explains what is wrong with a call that carries no usable credential.
/// </summary>
internal static class CredentialSchemes
{
    public const string Default = "Registry";

    private const string BearerPrefix = "Bearer ";

    public static bool IsBearer(string authorization) => authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    public static string Select(HttpContext context, bool acceptsBearerTokens)
    {
        var headers = context.Request.Headers;
        var authorization = headers[Credential.AuthorizationHeader];
        return acceptsBearerTokens && authorization.Count == 1 && headers[Credential.ApiKeyHeader].Count == 0 && IsBearer(authorization.ToString())
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }
}
