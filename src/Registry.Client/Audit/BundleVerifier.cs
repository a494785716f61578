using System.Security.Cryptography;
using System.Text.Json;

namespace Registry.Client.Audit;

/// <summary>
/// Verifies an export bundle offline against a public key the auditor trusts: the head's signature, every
/// leaf hash recomputed from its event, every inclusion proof, and, for a complete bundle, that no leaf is missing.
/// </summary>
public static class BundleVerifier
{
    public sealed record Result(bool Verified, long TreeSize, int LeavesVerified, IReadOnlyList<string> Failures);

    public static Result Verify(IEnumerable<string> lines, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var failures = new List<string>();
        var fingerprint = TreeHead.Fingerprint(publicKey);
        BundleRecords.Header? header = null;
        BundleRecords.Head? head = null;
        TreeHead? treeHead = null;
        var verified = 0;
        long expectedIndex = 0;
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                switch (RecordOf(line))
                {
                    case "header" when header is null && lineNumber == 1:
                        header = JsonSerializer.Deserialize<BundleRecords.Header>(line)!;
                        if (header.Format != BundleRecords.Format)
                            return Fail(failures, $"line 1: format '{header.Format}' is not {BundleRecords.Format}");
                        break;
                    case "head" when header is not null && head is null:
                        head = JsonSerializer.Deserialize<BundleRecords.Head>(line)!;
                        treeHead = head.ToTreeHead();
                        if (head.KeyFingerprint != fingerprint || header.KeyFingerprint != fingerprint)
                            return Fail(failures, $"the head was signed by key {head.KeyFingerprint}, not by the key given ({fingerprint})");
                        if (!treeHead.Verify(publicKey, Convert.FromBase64String(head.Signature)))
                            return Fail(failures, $"the signature of the head ({treeHead}) does not verify with the key given");
                        break;
                    case "leaf" when treeHead is not null:
                        var leaf = JsonSerializer.Deserialize<BundleRecords.Leaf>(line)!;
                        var failure = CheckLeaf(leaf, treeHead, header!.Complete ? expectedIndex : (long?)null);
                        if (failure is null)
                            verified++;
                        else
                            failures.Add($"line {lineNumber}: {failure}");
                        expectedIndex = leaf.LeafIndex + 1;
                        break;
                    default:
                        failures.Add($"line {lineNumber}: unexpected record here (a bundle is a header, a head, then leaves)");
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or NullReferenceException)
            {
                failures.Add($"line {lineNumber}: not a valid bundle record: {e.Message}");
            }
        }
        if (treeHead is null)
            return Fail(failures, "the bundle has no header and signed head");
        if (header!.Complete && expectedIndex != treeHead.TreeSize)
            failures.Add($"the bundle claims the whole log but ends at leaf {expectedIndex - 1}; the head covers {treeHead.TreeSize} leaves: leaves are missing");
        return new Result(failures.Count == 0, treeHead.TreeSize, verified, failures);
    }

    private static string? CheckLeaf(BundleRecords.Leaf leaf, TreeHead head, long? expectedIndex)
    {
        var name = $"leaf {leaf.LeafIndex} (event {leaf.Event.EventId}, {leaf.Event.Stream}@{leaf.Event.Revision})";
        if (expectedIndex is { } expected && leaf.LeafIndex != expected)
            return $"{name}: expected leaf {expected} next in a complete bundle: leaves are missing or out of order";
        var hash = LeafEncoding.LeafHash(leaf.Event.ToAudited());
        if (!hash.AsSpan().SequenceEqual(Convert.FromHexString(leaf.LeafHash)))
            return $"{name}: the event does not hash to the leaf hash recorded in the tree (its fields were changed)";
        var path = leaf.AuditPath.Select(Convert.FromHexString).ToList();
        if (!MerkleVerification.VerifyInclusion(leaf.LeafIndex, head.TreeSize, hash, path, head.RootHash))
            return $"{name}: the inclusion proof does not lead to the signed root";
        return null;
    }

    private static string? RecordOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.TryGetProperty("record", out var record) ? record.GetString() : null;
    }

    private static Result Fail(List<string> failures, string failure)
    {
        failures.Add(failure);
        return new Result(false, 0, 0, failures);
    }
}
