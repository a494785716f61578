using Registry.Projections.Publishing.Leases;

namespace Registry.Server.Publishing;

/// <summary>What this instance publishes on the bus (section "Publishing").</summary>
public sealed class PublishingOptions
{
    /// <summary>
    /// False: this instance runs no bus publisher at all, not even as a standby, while its projections and
    /// queries work as usual. Not needed to run several instances: only the holder of a publisher's lease publishes.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This instance's name in publisher leases (who holds them); unique per running process.</summary>
    public string Instance { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How leases are kept in an EventStoreDB log (on the embedded store the one process holds them all).</summary>
    public LeaseOptions Lease { get; set; } = new();

    /// <summary>
    /// How long a batch may wait for the bus to confirm every message; past it the batch counts as failed
    /// and is published again after a backoff (the publisher reports Retrying, health NOT_SERVING).
    /// </summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Tests only (the crash tests): once this many messages have been confirmed, the process kills itself
    /// with SIGKILL right after the confirm and before the checkpoint is written. Never set in production.
    /// </summary>
    public int? TestKillAfterConfirmedMessages { get; set; }
}
