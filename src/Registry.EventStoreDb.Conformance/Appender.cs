using Grpc.Core;
using Registry.EventStore;

namespace Registry.EventStoreDb.Conformance;

/// <summary>One append as the node answers it, for Append and BatchAppend alike.</summary>
internal sealed class Appender(IEventStore store)
{
    /// <summary>Success: the stream's revision (null: no stream) and the position (null: nothing written).</summary>
    public sealed record Outcome(bool Success, long? CurrentRevision, Position? Position);

    public async Task<Outcome> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stream))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "options.stream_identifier: a stream name is required."));
        if (events.Count == 0)
        {
            // An empty append writes nothing but still checks the expectation, as EventStoreDB does.
            var current = await store.LastRevisionAsync(stream, cancellationToken);
            return new Outcome(expected.IsSatisfiedBy(current), current, null);
        }
        try
        {
            var result = await store.AppendAsync(stream, expected, events, cancellationToken);
            return new Outcome(true, result.NextExpectedRevision, result.Position);
        }
        catch (WrongExpectedRevisionException e)
        {
            return new Outcome(false, e.Actual, null);
        }
        catch (EventIdConflictException)
        {
            // Ids already stored, but not as this same append: EventStoreDB answers wrong expected version.
            return new Outcome(false, await store.LastRevisionAsync(stream, cancellationToken), null);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }
}
