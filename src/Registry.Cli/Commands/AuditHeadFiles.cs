using System.Text.Json;
using Registry.Client.Audit;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary>Signed heads as the CLI writes them (head.json, the bundle's head line) and reads them back.</summary>
internal static class AuditHeadFiles
{
    public static BundleRecords.Head ToRecord(GetTreeHeadResponse response, bool withPublicKey)
    {
        var head = response.Head ?? throw new InvalidDataException("The server sent no tree head.");
        return new BundleRecords.Head("head", (long)head.TreeSize, Convert.ToHexStringLower(head.RootHash.ToByteArray()), head.TimestampMs,
            head.LastPosition?.Commit ?? 0, head.LastPosition?.Prepare ?? 0, head.KeyFingerprint, Convert.ToBase64String(head.Signature.ToByteArray()),
            withPublicKey ? response.PublicKeyPem : null);
    }

    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record);

    public static async Task<BundleRecords.Head> ReadAsync(FileInfo file, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<BundleRecords.Head>(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false))
        ?? throw new InvalidDataException($"{file.FullName} holds no head.");
}
