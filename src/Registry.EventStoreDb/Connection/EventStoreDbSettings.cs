namespace Registry.EventStoreDb.Connection;

/// <summary>What a connection string says; see <see cref="ConnectionString.Parse"/>.</summary>
public sealed record EventStoreDbSettings
{
    /// <summary>The nodes named: the node itself, the cluster's members, or the gossip seeds to discover from.</summary>
    public required IReadOnlyList<Endpoint> Hosts { get; init; }

    /// <summary>Find the node by reading cluster gossip (<c>+discover</c>, or several hosts).</summary>
    public bool Discover { get; init; }

    public bool Tls { get; init; } = true;

    public bool TlsVerifyCert { get; init; } = true;

    /// <summary>A PEM file of the certificate authority that signed the nodes' certificates.</summary>
    public string? TlsCaFile { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public NodePreference NodePreference { get; init; } = NodePreference.Leader;

    /// <summary>Each append and each page of a read must finish within this, elections and rediscovery included.</summary>
    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan GossipTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Accepted as EventStoreDB's clients take it, but no call stops after a number of attempts: each retries with
    /// backoff and rediscovery until its deadline (<see cref="DefaultDeadline"/>, or the caller's cancellation).
    /// </summary>
    public int MaxDiscoverAttempts { get; init; } = 10;

    /// <summary>The first pause between retries; it doubles up to half a second (a second for subscriptions).</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string ConnectionName { get; init; } = $"registry-{Guid.NewGuid():N}";

    /// <summary>A cluster: the node is chosen from gossip rather than taken as given.</summary>
    public bool UsesGossip => Discover || Hosts.Count > 1;
}
