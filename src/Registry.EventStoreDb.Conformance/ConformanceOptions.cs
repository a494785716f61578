namespace Registry.EventStoreDb.Conformance;

/// <summary>How a conformance node is set up.</summary>
public sealed record ConformanceOptions
{
    /// <summary>The SQLite event log file.</summary>
    public required string DataPath { get; init; }

    public string Address { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>A .pfx certificate: the node speaks TLS. None: cleartext HTTP/2.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>
    /// Users and passwords. Empty: anonymous calls are served. Otherwise every call needs Basic credentials
    /// of one of them (wrong ones: UNAUTHENTICATED; none: PERMISSION_DENIED, "access-denied").
    /// </summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Set: this node is a follower and that endpoint the leader. Writes, and reads that require the leader,
    /// are refused with "not-leader" naming it; gossip lists both.
    /// </summary>
    public (string Host, int Port)? Leader { get; init; }

    /// <summary>The version reported by ServerFeatures.</summary>
    public string ServerVersion { get; init; } = "24.10.0";
}
