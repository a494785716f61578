namespace Registry.Contracts;

/// <summary>
/// The registry signed a head of its Merkle tree (docs/audit.md, "Tree heads"). Auditors keep these outside the
/// registry's control: a later consistency proof from any of them to a newer head shows the past was not
/// rewritten. The signature covers the head's signed bytes; the message id is derived from size and root.
/// </summary>
public sealed record TreeHeadSigned(
    long TreeSize,
    string RootHash,
    long TimestampMs,
    ulong CommitPosition,
    ulong PreparePosition,
    string KeyFingerprint,
    string Signature);
