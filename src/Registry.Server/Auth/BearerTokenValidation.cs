using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Registry.Server.Auth;

/// <summary>
/// How the JwtBearer handler validates bearer tokens: signed JWTs from the configured issuer for the configured
/// audience, signed by the configured key, inside their validity (exp required, nbf honoured, small clock skew).
/// Unsigned tokens (<c>alg: none</c>) and algorithms other than the key's are refused. The subject (<c>sub</c>)
/// is the principal; <c>roles</c> (or <c>role</c>) its roles, implied ones added. No metadata is fetched: the
/// key is configured.
/// </summary>
internal sealed class BearerTokenValidation
{
    private readonly TokenValidationParameters _parameters;

    private BearerTokenValidation(JwtOptions options, SecurityKey key, IEnumerable<string> algorithms)
    {
        Issuer = options.Issuer!;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = algorithms,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = options.ClockSkew,
            NameClaimType = JwtRegisteredClaimNames.Sub,
        };
    }

    public string Issuer { get; }

    /// <summary>Sets up the JwtBearer handler: these rules, and failures that name their kind, never the token.</summary>
    public void Configure(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = _parameters;
        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                context.Fail("the bearer token is not valid: " + Why(context.Exception));
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.SecurityToken is not JsonWebToken jwt || string.IsNullOrWhiteSpace(jwt.Subject))
                {
                    context.Fail("the bearer token names no subject (sub)");
                    return Task.CompletedTask;
                }
                var roles = jwt.Claims.Where(c => c.Type is "roles" or "role").Select(c => c.Value);
                context.Principal = Principals.Create(jwt.Subject, Roles.Expand(roles), JwtBearerDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The kind of failure, never the token: safe for the caller and the log.</summary>
    private static string Why(Exception? error) => error switch
    {
        SecurityTokenMalformedException => "it is not a well-formed JWT",
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenNoExpirationException => "it has no expiry (exp)",
        SecurityTokenInvalidAudienceException => "it is for another audience",
        SecurityTokenInvalidIssuerException => "it is from another issuer",
        SecurityTokenInvalidAlgorithmException => "its signing algorithm is not accepted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify",
        _ => "it cannot be validated",
    };

    /// <summary>The key from "Auth:Jwt" and the algorithms that go with it; null with the problems listed.</summary>
    public static BearerTokenValidation? FromOptions(JwtOptions options, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer))
            problems.Add("Auth:Jwt:Issuer is required");
        if (string.IsNullOrWhiteSpace(options.Audience))
            problems.Add("Auth:Jwt:Audience is required");
        var hasSecret = !string.IsNullOrWhiteSpace(options.SigningKey);
        var hasPublicKey = !string.IsNullOrWhiteSpace(options.PublicKeyFile);
        if (hasSecret == hasPublicKey)
        {
            problems.Add("Auth:Jwt needs exactly one of SigningKey (base64, HMAC) and PublicKeyFile (PEM, RSA or EC)");
            return null;
        }
        var key = hasSecret ? SymmetricKey(options.SigningKey!, problems) : PublicKey(options.PublicKeyFile!, problems);
        return key is null || problems.Count > 0 ? null : new BearerTokenValidation(options, key.Value.Key, key.Value.Algorithms);
    }

    private static (SecurityKey Key, string[] Algorithms)? SymmetricKey(string base64, List<string> problems)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            problems.Add("Auth:Jwt:SigningKey must be base64");
            return null;
        }
        if (bytes.Length < 32)
        {
            problems.Add($"Auth:Jwt:SigningKey must hold at least 32 bytes (it holds {bytes.Length})");
            return null;
        }
        return (new SymmetricSecurityKey(bytes), [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512]);
    }

    private static (SecurityKey Key, string[] Algorithms)? PublicKey(string path, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add($"Auth:Jwt:PublicKeyFile '{path}' does not exist");
            return null;
        }
        var pem = File.ReadAllText(path);
        if (TryImport(ECDsa.Create(), pem) is { } ec)
            return (new ECDsaSecurityKey(ec), [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512]);
        if (TryImport(RSA.Create(), pem) is { } rsa)
            return (new RsaSecurityKey(rsa), [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512]);
        problems.Add($"Auth:Jwt:PublicKeyFile '{path}' holds no RSA or EC public key in PEM");
        return null;
    }

    private static T? TryImport<T>(T algorithm, string pem) where T : AsymmetricAlgorithm
    {
        try
        {
            algorithm.ImportFromPem(pem);
            return algorithm;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            algorithm.Dispose();
            return null;
        }
    }
}
