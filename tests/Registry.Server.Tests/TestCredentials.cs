using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Client.Credentials;
using Registry.Server.Auth;

namespace Registry.Server.Tests;

/// <summary>
/// The credentials every <see cref="TestRegistry"/> accepts: a JWT issuer with a signing key of this test run,
/// an API key per role (principal "&lt;role&gt;-1"), one with every role (the default), and a revoked one.
/// </summary>
public static class TestCredentials
{
    public const string Issuer = "registry-tests";
    public const string Audience = "registry";

    /// <summary>The principal of <see cref="TestRegistry.Client"/>: holds every role.</summary>
    public const string AllRoles = "test-operator";

    public const string Revoked = "revoked-1";

    public static byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The principal that holds <paramref name="role"/> and nothing more.</summary>
    public static string PrincipalOf(string role) => $"{role}-1";

    public static Credential.ApiKey KeyOf(string principal) => new($"test-key-{principal}");

    public static Credential.ApiKey ForRole(string role) => KeyOf(PrincipalOf(role));

    public static Credential.ApiKey Default => KeyOf(AllRoles);

    /// <summary>The registry settings that make all of the above valid.</summary>
    public static IEnumerable<string> Settings()
    {
        yield return $"--Auth:Jwt:Issuer={Issuer}";
        yield return $"--Auth:Jwt:Audience={Audience}";
        yield return $"--Auth:Jwt:SigningKey={Convert.ToBase64String(SigningKey)}";
        foreach (var (principal, roles, revoked) in Keys())
        {
            yield return $"--Auth:ApiKeys:{principal}:Hash={ApiKeys.HashOf(KeyOf(principal).Key)}";
            yield return $"--Auth:ApiKeys:{principal}:Roles={roles}";
            yield return $"--Auth:ApiKeys:{principal}:Revoked={revoked}";
        }
    }

    private static IEnumerable<(string Principal, string Roles, bool Revoked)> Keys()
    {
        yield return (AllRoles, string.Join(",", Roles.All), false);
        foreach (var role in Roles.All)
            yield return (PrincipalOf(role), role, false);
        yield return (Revoked, Roles.Admin, true);
    }

    /// <summary>A signed JWT; each part can be made wrong on purpose.</summary>
    public static Credential.Bearer Token(string subject, IEnumerable<string> roles, DateTime? notBefore = null, DateTime? expires = null,
        byte[]? signingKey = null, string audience = Audience, string issuer = Issuer)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject), .. roles.Select(r => new Claim("roles", r))]),
            IssuedAt = (notBefore ?? now) < now ? notBefore : now,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new Credential.Bearer(new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor));
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that claims every role.</summary>
    public static Credential.Bearer UnsignedToken(string subject)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = $$"""{"sub":"{{subject}}","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}},"roles":["admin","operator","auditor"]}""";
        return new Credential.Bearer($"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part(payload)}.");
    }
}
