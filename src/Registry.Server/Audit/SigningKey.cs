using System.Security.Cryptography;
using Registry.Client.Audit;
using Registry.Server.Hosting;

namespace Registry.Server.Audit;

/// <summary>The ECDSA P-256 key that signs tree heads, its public half as PEM and its fingerprint.</summary>
internal sealed class SigningKey : IDisposable
{
    private SigningKey(ECDsa key, string source)
    {
        Key = key;
        Source = source;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        Fingerprint = TreeHead.Fingerprint(key);
    }

    public ECDsa Key { get; }
    public string Source { get; }
    public string PublicKeyPem { get; }
    public string Fingerprint { get; }

    /// <summary>The configured key; otherwise, on loopback only, the data directory's development key (made at the first start).</summary>
    public static SigningKey Load(AuditOptions options, string dataDirectory, bool loopback)
    {
        if (options.SigningKeyPath is { Length: > 0 } path)
            return FromFile(path);
        if (!loopback)
            throw new InvalidOperationException("Audit:SigningKeyPath is required when the registry listens beyond loopback (a PKCS#8 PEM ECDSA P-256 key).");
        Directory.CreateDirectory(dataDirectory);
        var keyFile = Path.Combine(dataDirectory, AuditOptions.DevelopmentKeyFile);
        if (!File.Exists(keyFile))
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // The private key first: a public key file without its private key would be a key nobody can sign with.
            WholeFile.Write(keyFile, generated.ExportPkcs8PrivateKeyPem() + Environment.NewLine, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            WholeFile.Write(Path.Combine(dataDirectory, AuditOptions.DevelopmentPublicKeyFile), generated.ExportSubjectPublicKeyInfoPem() + Environment.NewLine, null);
        }
        return FromFile(keyFile);
    }

    private static SigningKey FromFile(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{path}: the tree-head signing key must be ECDSA P-256.");
        }
        return new SigningKey(key, path);
    }

    public void Dispose() => Key.Dispose();
}
