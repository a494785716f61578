using System.Text.Json.Serialization;

namespace Registry.Client.Audit;

/// <summary>
/// The lines of an export bundle (docs/audit.md, "Bundle"): JSON Lines, a header, then the signed head, then one
/// line per leaf. Hashes are lowercase hex, byte strings base64, the signature base64 DER.
/// </summary>
public static class BundleRecords
{
    public const string Format = "registry-audit-bundle/1";

    public sealed record Header(
        [property: JsonPropertyName("record")] string Record,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("program_id")] string? ProgramId,
        [property: JsonPropertyName("complete")] bool Complete,
        [property: JsonPropertyName("key_fingerprint")] string KeyFingerprint);

    public sealed record Head(
        [property: JsonPropertyName("record")] string Record,
        [property: JsonPropertyName("tree_size")] long TreeSize,
        [property: JsonPropertyName("root_hash")] string RootHash,
        [property: JsonPropertyName("timestamp_ms")] long TimestampMs,
        [property: JsonPropertyName("commit_position")] ulong CommitPosition,
        [property: JsonPropertyName("prepare_position")] ulong PreparePosition,
        [property: JsonPropertyName("key_fingerprint")] string KeyFingerprint,
        [property: JsonPropertyName("signature")] string Signature,
        [property: JsonPropertyName("public_key_pem")] string? PublicKeyPem = null)
    {
        public TreeHead ToTreeHead() => new(TreeSize, Convert.FromHexString(RootHash), TimestampMs, CommitPosition, PreparePosition);
    }

    public sealed record LeafEvent(
        [property: JsonPropertyName("event_id")] string EventId,
        [property: JsonPropertyName("stream")] string Stream,
        [property: JsonPropertyName("revision")] long Revision,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("data")] string Data,
        [property: JsonPropertyName("metadata")] string Metadata,
        [property: JsonPropertyName("record_ticks")] long RecordTicks,
        [property: JsonPropertyName("commit_position")] ulong CommitPosition,
        [property: JsonPropertyName("prepare_position")] ulong PreparePosition)
    {
        public AuditedEvent ToAudited() => new(Guid.Parse(EventId), Stream, Revision, Type, Convert.FromBase64String(Data),
            Convert.FromBase64String(Metadata), RecordTicks, CommitPosition, PreparePosition);
    }

    public sealed record Leaf(
        [property: JsonPropertyName("record")] string Record,
        [property: JsonPropertyName("leaf_index")] long LeafIndex,
        [property: JsonPropertyName("leaf_hash")] string LeafHash,
        [property: JsonPropertyName("audit_path")] IReadOnlyList<string> AuditPath,
        [property: JsonPropertyName("event")] LeafEvent Event);
}
