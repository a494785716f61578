using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Registry.Server.Hosting;

namespace Registry.Server.Auth;

internal static class AuthServices
{
    /// <summary>What the start-up log says of authentication.</summary>
    public sealed record Summary(string Description, string? DevelopmentKeyFile, bool DevelopmentKeyCreated);

    /// <summary>
    /// Reads "Auth", checks it (every problem named, the start refused), and adds ASP.NET Core authentication
    /// (the API-key handler, which forwards bearer tokens to JwtBearer: <see cref="CredentialSchemes"/>) and
    /// authorization (a policy per role, a fallback that refuses what no policy names). Without any Auth settings
    /// the registry accepts a development key, and only when it listens on loopback.
    /// </summary>
    public static Summary AddRegistryAuth(this IServiceCollection services, IConfiguration configuration, GrpcEndpointOptions endpoint, string dataDirectory)
    {
        var options = configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var problems = new List<string>();
        var tokens = options.Jwt is null ? null : BearerTokenValidation.FromOptions(options.Jwt, problems);
        var keys = ApiKeyTable.FromOptions(options.ApiKeys, problems).ToList();
        var seeding = new SeedingCredential();
        keys.Add(seeding.Entry);

        Summary summary;
        if (options.IsConfigured)
        {
            summary = new Summary(Describe(tokens, options.ApiKeys.Count), null, false);
        }
        else if (!IsLoopback(endpoint.Address))
        {
            problems.Add($"no authentication is configured, and {endpoint.Address} is not a loopback address: set Auth:Jwt or Auth:ApiKeys (see deploy/README.md)");
            summary = new Summary(string.Empty, null, false);
        }
        else
        {
            var development = DevelopmentCredential.Ensure(Path.GetFullPath(dataDirectory));
            keys.Add(DevelopmentCredential.Entry(development));
            summary = new Summary($"no Auth configured: the development API key of '{DevelopmentCredential.PrincipalName}' (every role, loopback only)",
                development.KeyFile, development.Created);
        }

        foreach (var shared in keys.GroupBy(k => k.Hash).Where(g => g.Count() > 1))
            problems.Add($"Auth:ApiKeys {string.Join(" and ", shared.Select(k => k.Name))} have the same hash");
        if (problems.Count > 0)
            throw new InvalidOperationException("Authentication settings are not usable:" + string.Concat(problems.Select(p => Environment.NewLine + " - " + p)));

        services.AddSingleton(seeding);
        var table = new ApiKeyTable(keys);
        var authentication = services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, scheme =>
            {
                scheme.Keys = table;
                if (tokens is not null)
                    scheme.ForwardDefaultSelector = CredentialSchemes.BearerTokenScheme;
            });
        if (tokens is not null)
            authentication.AddJwtBearer(tokens.Configure);
        services.AddAuthorization(MethodAuthorization.AddPolicies);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalAudit>();
        return summary;
    }

    public static bool IsLoopback(string address) =>
        string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase) ||
        IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    private static string Describe(BearerTokenValidation? tokens, int apiKeys) =>
        string.Join(" and ", new[]
        {
            tokens is null ? null : $"bearer tokens from issuer '{tokens.Issuer}'",
            apiKeys == 0 ? null : $"{apiKeys} configured API key(s)",
        }.Where(part => part is not null));
}
