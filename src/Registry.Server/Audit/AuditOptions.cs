namespace Registry.Server.Audit;

/// <summary>Settings of section "Audit".</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// The signing key (PKCS#8 PEM, ECDSA P-256). Unset on loopback: a key is generated in the data directory at
    /// the first start (<see cref="DevelopmentKeyFile"/>, 0600, the public key beside it). Unset elsewhere: the
    /// server refuses to start.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>When to sign a new head: after this many new leaves, or this long after the last head if the tree grew.</summary>
    public SignEveryOptions SignEvery { get; set; } = new();

    public const string DevelopmentKeyFile = "audit-signing-key.pem";
    public const string DevelopmentPublicKeyFile = "audit-signing-key.pub.pem";
}

public sealed class SignEveryOptions
{
    public int Events { get; set; } = 1000;
    public int Seconds { get; set; } = 60;
}
