using Registry.EventStore;

namespace Registry.Projections.Publishing.Leases;

/// <summary>
/// The embedded store serves one process per log, so that process holds every lease, from its start, forever.
/// </summary>
public sealed class SoleHolderLease(string instance) : IPublisherLease
{
    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;

    public LeaseView View => new(true, instance, _since, Position.Start);

    public Task<LeaseTerm> AcquireAsync(CancellationToken cancellationToken) => Task.FromResult<LeaseTerm>(new ForeverTerm());

    private sealed class ForeverTerm : LeaseTerm
    {
        public override Position ResumeFrom => Position.Start;

        public override CancellationToken Ended => CancellationToken.None;

        public override bool MayPublish => true;

        public override void Confirmed(Position checkpoint)
        {
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
