using Microsoft.AspNetCore.Authentication.JwtBearer;
using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>
/// How a call's credential finds its handler. The API-key handler is the default scheme: it authenticates
/// API keys and explains what is wrong with a call that carries no usable credential. When bearer tokens are
/// configured, it forwards a call carrying exactly one bearer token (and nothing else) to the JwtBearer
/// handler, through ASP.NET Core's <c>ForwardDefaultSelector</c> (a policy scheme in front of both would be one
/// more handler made and run for every call).
/// </summary>
internal static class CredentialSchemes
{
    private const string BearerPrefix = "Bearer ";

    public static bool IsBearer(string authorization) => authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The JwtBearer scheme for a call with a lone bearer token; null (the API-key handler itself) for any other.</summary>
    public static string? BearerTokenScheme(HttpContext context)
    {
        var headers = context.Request.Headers;
        var authorization = headers[Credential.AuthorizationHeader];
        return authorization.Count == 1 && headers[Credential.ApiKeyHeader].Count == 0 && IsBearer(authorization.ToString())
            ? JwtBearerDefaults.AuthenticationScheme
            : null;
    }
}
