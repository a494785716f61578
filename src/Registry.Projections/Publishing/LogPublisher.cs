using Microsoft.Extensions.Logging;
using Registry.EventStore;
using Registry.Projections.Telemetry;

namespace Registry.Projections.Publishing;

/// <summary>
/// Follows the log and publishes what the mapper makes of each event, at least once: the checkpoint moves
/// only past messages the bus confirmed, and a failing bus is retried with backoff for as long as it takes,
/// never skipped. Published again after a crash, a message keeps its id.
/// </summary>
public sealed partial class LogPublisher(
    IEventStore store,
    ReadModelDatabase database,
    IMessageMapper mapper,
    IMessageSink sink,
    ILogger<LogPublisher> logger)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);
    private readonly string _name = mapper.Name;
    private volatile ProjectionStatus _status = new(mapper.Name, 0, ProjectionState.Starting, Position.Start, Position.Start, null);

    public string Name => _name;

    public ProjectionStatus Status => _status;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = database.Open();
            var checkpoint = ReadModelDatabase.ReadCheckpoint(connection, _name);
            Report(ProjectionState.CatchingUp, checkpoint, await store.ReadHeadAsync(cancellationToken), null);
            var subscription = store.SubscribeToAllAsync(checkpoint == Position.Start ? null : checkpoint, mapper.Filter, cancellationToken);
            await foreach (var batch in LogBatches.ReadAsync(subscription, MaxBatch, cancellationToken))
            {
                // A batch that only says "caught up" (nothing new since the checkpoint) still updates the status.
                if (batch.End is { } end && end > checkpoint)
                {
                    var messages = await MapAsync(batch.Events, cancellationToken);
                    using (FollowerSpans.StartPublishBatch(_name, batch.Events, messages.Count, end))
                        await PublishUntilConfirmedAsync(messages, checkpoint, cancellationToken);
                    ReadModelDatabase.WriteCheckpoint(connection, null, _name, end);
                    checkpoint = end;
                }
                var head = await store.ReadHeadAsync(cancellationToken);
                Report(checkpoint >= head ? ProjectionState.Live : ProjectionState.CatchingUp, checkpoint, head, null);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Report(ProjectionState.Stopped, _status.Checkpoint, _status.Head, null);
        }
        catch (ProjectionFailedException e)
        {
            LogFaulted(_name, e);
            Report(ProjectionState.Faulted, _status.Checkpoint, _status.Head, e.Message);
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ProjectionFailedException(_name, recorded, e);
            }
        }
        return messages;
    }

    private async Task PublishUntilConfirmedAsync(List<OutgoingMessage> messages, Position checkpoint, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return;
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await sink.PublishAsync(messages, cancellationToken);
                RegistryTelemetry.PublishConfirmed.Add(messages.Count, new KeyValuePair<string, object?>("publisher", _name));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(_name, delay, e);
                RegistryTelemetry.PublishRetries.Add(1, new KeyValuePair<string, object?>("publisher", _name));
                Report(ProjectionState.Retrying, checkpoint, await store.ReadHeadAsync(cancellationToken), e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    private void Report(ProjectionState state, Position checkpoint, Position head, string? error) =>
        _status = new ProjectionStatus(_name, 0, state, checkpoint, head, error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher {Publisher} could not publish; retrying in {Delay}")]
    private partial void LogRetrying(string publisher, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publisher {Publisher} stopped")]
    private partial void LogFaulted(string publisher, Exception exception);
}
