using Microsoft.Extensions.Logging;
using Registry.EventStore;
using Registry.Projections.Publishing.Leases;
using Registry.Projections.Telemetry;

namespace Registry.Projections.Publishing;

/// <summary>
/// Follows the log and publishes what the mapper makes of each event, at least once: the checkpoint moves
/// only past messages the bus confirmed, and a failing bus is retried with backoff for as long as it takes,
/// never skipped. Published again after a crash, a message keeps its id. Only the holder of the publisher's
/// lease publishes; another instance's publisher stands by, and takes over from the checkpoint the lease carries.
/// When the bus has no audience for what the mapper makes, it maps nothing and only moves its checkpoint.
/// </summary>
public sealed partial class LogPublisher(
    IEventStore store,
    ReadModelDatabase database,
    IMessageMapper mapper,
    IMessageSink sink,
    ILogger<LogPublisher> logger,
    IPublisherLease? lease = null) : Follower(mapper.Name, 0, logger)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan StandbyStatusEvery = TimeSpan.FromSeconds(1);

    /// <summary>Who publishes for this publisher; without a lease of its own, this process alone.</summary>
    public IPublisherLease Lease { get; } = lease ?? new SoleHolderLease(Environment.MachineName);

    protected override async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var term = await StandByAsync(cancellationToken);
            using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term.Ended);
            try
            {
                await PublishAsync(term, publishing.Token);
            }
            catch (OperationCanceledException) when (!term.MayPublish && !cancellationToken.IsCancellationRequested)
            {
                // The lease is gone (another instance took it, or it could not be renewed in time): stand by again.
            }
        }
    }

    /// <summary>Waits for the lease, showing STANDBY with how far the holder's confirmed messages go meanwhile.</summary>
    private async Task<LeaseTerm> StandByAsync(CancellationToken cancellationToken)
    {
        using var standingBy = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var acquiring = Lease.AcquireAsync(standingBy.Token);
        try
        {
            while (!acquiring.IsCompleted)
            {
                Progressed(ProjectionState.Standby, Lease.View.Checkpoint, await store.ReadHeadAsync(cancellationToken));
                await Task.WhenAny(acquiring, Task.Delay(StandbyStatusEvery, cancellationToken));
            }
            return await acquiring;
        }
        catch
        {
            // Never leave a lease taken behind this attempt's back: nobody would publish under it.
            await standingBy.CancelAsync();
            if (await acquiring.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default) is { } orphan)
                await orphan.DisposeAsync();
            throw;
        }
    }

    private async Task PublishAsync(LeaseTerm term, CancellationToken cancellationToken)
    {
        Position local;
        await using (var connection = database.Open())
            local = ReadModelDatabase.ReadCheckpoint(connection, Name);
        // Both are confirmed positions: this instance's own, and the one the last holder left in the lease.
        var checkpoint = local > term.ResumeFrom ? local : term.ResumeFrom;
        // Nobody could receive what the mapper makes (in memory, no consumer in this process): follow the log, map nothing.
        var heard = mapper.MessageTypes.Any(sink.HasAudience);
        var stored = new StoredCheckpoint(database, Name, checkpoint);
        try
        {
            await FollowLogAsync(store, checkpoint, mapper.Filter, MaxBatch, async (batch, end) =>
            {
                var messages = heard ? await MapAsync(batch.Events, cancellationToken) : [];
                using (FollowerSpans.StartPublishBatch(Name, batch.Events, messages.Count, end))
                    await PublishUntilConfirmedAsync(messages, term, cancellationToken);
                await stored.ConfirmedAsync(end);
                term.Confirmed(end);
            }, cancellationToken);
        }
        finally
        {
            await stored.FlushAsync();
        }
    }

    private async Task<List<OutgoingMessage>> MapAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var messages = new List<OutgoingMessage>();
        foreach (var recorded in events)
        {
            try
            {
                messages.AddRange(StoredTraceContext.Carry(await mapper.MapAsync(recorded, cancellationToken), recorded));
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not EventStoreException)
            {
                throw new ProjectionFailedException(Name, recorded, e);
            }
        }
        return messages;
    }

    /// <summary>The bus is retried for as long as it takes (RETRYING meanwhile); nothing is skipped. Nothing is sent once the term may not publish.</summary>
    private async Task PublishUntilConfirmedAsync(List<OutgoingMessage> messages, LeaseTerm term, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return;
        var delay = FirstRetry;
        while (true)
        {
            if (!term.MayPublish)
                throw new OperationCanceledException("The publisher's lease ended.", null, term.Ended);
            try
            {
                await sink.PublishAsync(messages, cancellationToken);
                RegistryTelemetry.PublishConfirmed.Add(messages.Count, new KeyValuePair<string, object?>("publisher", Name));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPublishRetrying(Name, delay, e);
                RegistryTelemetry.PublishRetries.Add(1, new KeyValuePair<string, object?>("publisher", Name));
                Report(ProjectionState.Retrying, e.Message, await store.ReadHeadAsync(cancellationToken));
                await Task.Delay(delay, cancellationToken);
                delay = NextRetry(delay);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher {Publisher} could not publish; retrying in {Delay}")]
    private partial void LogPublishRetrying(string publisher, TimeSpan delay, Exception exception);
}
