namespace Registry.Server.Auth;

/// <summary>The "Auth" section: who may call. Nothing configured: a development key on loopback only.</summary>
public sealed class AuthOptions
{
    /// <summary>Bearer tokens: signed JWTs from an issuer this registry trusts.</summary>
    public JwtOptions? Jwt { get; set; }

    /// <summary>Service-to-service keys by name (the name is the principal); only their hashes are configured.</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public bool IsConfigured => Jwt is not null || ApiKeys.Count > 0;
}

/// <summary>"Auth:Jwt": the issuer, the audience and the key that signs the tokens.</summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>A symmetric key (HS256/384/512), base64, at least 32 bytes. Give it through the environment.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Or the issuer's public key (RSA or EC, PEM): RS*/PS*/ES* tokens, and the registry holds no secret.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>Tolerated difference between the issuer's clock and ours for exp and nbf.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>"Auth:ApiKeys:&lt;name&gt;": the key's SHA-256 (hex), its roles, and whether it has been revoked.</summary>
public sealed class ApiKeyOptions
{
    public string? Hash { get; set; }

    /// <summary>Comma-separated: reader, auditor, editor, operator, admin.</summary>
    public string? Roles { get; set; }

    public bool Revoked { get; set; }
}
