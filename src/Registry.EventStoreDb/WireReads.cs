using Registry.EventStore;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Streams;
using static Registry.EventStoreDb.Wire.Streams.ReadReq.Types.Options.Types;
using Position = Registry.EventStore.Position;
using ReadOptions = Registry.EventStoreDb.Wire.Streams.ReadReq.Types.Options;

namespace Registry.EventStoreDb;

/// <summary>Read requests as the node expects them, and the events it sends back as the port's records.</summary>
internal static class WireReads
{
    /// <summary>
    /// Every read and subscription of $all leaves out system events (types starting with '$': stream
    /// metadata, statistics, projections' bookkeeping), the filter EventStoreDB's own clients name
    /// "exclude system events": the port's log is the application's.
    /// </summary>
    public const string ExcludeSystemEvents = @"^[^\$]";

    /// <summary>Events scanned between the checkpoints a filtered subscription sends.</summary>
    public const uint CheckpointWindow = 32;

    public static ReadReq Stream(string stream, Direction direction, long fromRevision, ulong? count)
    {
        var options = Options(direction, count);
        options.Stream = new StreamOptions { StreamIdentifier = StreamNames.Identifier(stream) };
        if (direction == Direction.Backwards && fromRevision == long.MaxValue)
            options.Stream.End = new Empty();
        else
            options.Stream.Revision = (ulong)fromRevision;
        options.NoFilter = new Empty();
        return new ReadReq { Options = options };
    }

    /// <summary>A subscription to a stream after <paramref name="afterRevision"/> (null: from its start).</summary>
    public static ReadReq StreamSubscription(string stream, long? afterRevision)
    {
        var request = Stream(stream, Direction.Forwards, afterRevision ?? 0, null);
        if (afterRevision is null)
            request.Options.Stream.Start = new Empty();
        return request;
    }

    public static ReadReq All(Direction direction, Position? from, ulong? count, SubscriptionFilter? filter)
    {
        var options = Options(direction, count);
        options.All = new AllOptions();
        if (from is not { } position || position == Position.Start && direction == Direction.Forwards)
            options.All.Start = new Empty();
        else if (position == Position.End)
            options.All.End = new Empty();
        else
            options.All.Position = new ReadOptions.Types.Position { CommitPosition = position.Commit, PreparePosition = position.Prepare };
        // Reads page through the log unfiltered (the caller skips system events): a count then means events.
        if (count is null)
            options.Filter = Filter(filter);
        else
            options.NoFilter = new Empty();
        return new ReadReq { Options = options };
    }

    private static ReadOptions Options(Direction direction, ulong? count)
    {
        var options = new ReadOptions
        {
            ReadDirection = direction == Direction.Forwards ? ReadOptions.Types.ReadDirection.Forwards : ReadOptions.Types.ReadDirection.Backwards,
            UuidOption = new UUIDOption { Structured = new Empty() },
        };
        if (count is { } n)
            options.Count = n;
        else
            options.Subscription = new SubscriptionOptions();
        return options;
    }

    private static FilterOptions Filter(SubscriptionFilter? filter)
    {
        var options = new FilterOptions { Max = CheckpointWindow, CheckpointIntervalMultiplier = 1 };
        if (filter is { StreamPrefixes.Count: > 0 })
        {
            options.StreamIdentifier = new FilterOptions.Types.Expression();
            options.StreamIdentifier.Prefix.Add(filter.StreamPrefixes);
        }
        else if (filter is { EventTypePrefixes.Count: > 0 })
        {
            options.EventType = new FilterOptions.Types.Expression();
            options.EventType.Prefix.Add(filter.EventTypePrefixes);
        }
        else
        {
            options.EventType = new FilterOptions.Types.Expression { Regex = ExcludeSystemEvents };
        }
        return options;
    }

    public static RecordedEvent ToRecorded(ReadResp.Types.ReadEvent read)
    {
        // A resolved link carries the event it points to; the port has no links, so the event is what counts.
        var e = read.Event;
        return new RecordedEvent(
            Uuids.ToGuid(e.Id),
            StreamNames.Name(e.StreamIdentifier),
            (long)e.StreamRevision,
            new Position(e.CommitPosition, e.PreparePosition),
            e.Metadata.TryGetValue(EventProperties.Type, out var type) ? type : string.Empty,
            e.Data.Memory,
            e.CustomMetadata.Memory,
            EventProperties.ParseCreated(e.Metadata.GetValueOrDefault(EventProperties.Created)));
    }

    public static bool IsSystem(RecordedEvent recorded) => recorded.Type.StartsWith('$') || StreamNames.IsSystem(recorded.Stream);
}
