using Registry.EventStore;

namespace Registry.Projections.Publishing.Leases;

/// <summary>
/// Who may publish for one publisher: every instance runs every publisher, and only the holder of its lease
/// publishes. A term ends (its token is cancelled) when the holder loses the lease or can no longer prove it
/// still holds it in time; the publisher then stops publishing and stands by.
/// </summary>
public interface IPublisherLease
{
    /// <summary>What this instance knows of the lease now.</summary>
    LeaseView View { get; }

    /// <summary>Waits until this instance holds the lease; the term says where the last holder's confirmed messages end.</summary>
    Task<LeaseTerm> AcquireAsync(CancellationToken cancellationToken);
}

/// <summary>A lease as one instance sees it: whether it holds it, who does, since when, and the last confirmed checkpoint the lease carries.</summary>
public sealed record LeaseView(bool Held, string? Holder, DateTimeOffset? HeldSince, Position Checkpoint)
{
    public static LeaseView Nobody { get; } = new(false, null, null, Position.Start);
}

/// <summary>
/// One holding of the lease. <see cref="Ended"/> is cancelled as soon as the holder must stop publishing;
/// <see cref="Confirmed"/> records how far its messages are confirmed, carried to the next holder.
/// </summary>
public abstract class LeaseTerm : IAsyncDisposable
{
    /// <summary>Where the messages confirmed by earlier holders end: the new holder resumes there (or later).</summary>
    public abstract Position ResumeFrom { get; }

    public abstract CancellationToken Ended { get; }

    /// <summary>Messages up to <paramref name="checkpoint"/> are confirmed by the bus.</summary>
    public abstract void Confirmed(Position checkpoint);

    /// <summary>Whether the holder may still publish at this moment (the term has not ended and its time is not up).</summary>
    public abstract bool MayPublish { get; }

    public abstract ValueTask DisposeAsync();
}
