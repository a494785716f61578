namespace Registry.Projections.Publishing.Leases;

/// <summary>
/// How publisher leases are kept in the log (section "Publishing:Lease"). A holder renews every
/// <see cref="RenewEvery"/>; a standby takes a lease whose stream has not moved for <see cref="TimeToLive"/>;
/// a holder that could not renew stops publishing <see cref="Margin"/> before a standby could take over.
/// Failover after a holder dies: about <see cref="TimeToLive"/> plus <see cref="PollEvery"/>.
/// </summary>
public sealed class LeaseOptions
{
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromSeconds(6);

    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Margin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a standby looks at the lease stream.</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Every problem with these values, named.</summary>
    public IEnumerable<string> Problems()
    {
        if (RenewEvery <= TimeSpan.Zero || Margin < TimeSpan.Zero || PollEvery <= TimeSpan.Zero)
            yield return "Publishing:Lease:RenewEvery and PollEvery must be positive and Margin not negative";
        if (RenewEvery + Margin >= TimeToLive)
            yield return "Publishing:Lease:TimeToLive must be longer than RenewEvery + Margin (else a healthy holder would lose its lease)";
    }
}
