namespace Registry.Server.Publishing;

/// <summary>What this instance publishes on the bus (section "Publishing").</summary>
public sealed class PublishingOptions
{
    /// <summary>
    /// False: this instance runs no bus publisher (another instance sharing the same log publishes), while
    /// its projections and queries work as usual.
    /// </summary>
    public bool Enabled { get; set; } = true;

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
