namespace Registry.EventStore.Sqlite;

/// <summary>
/// Recognises an append that was already written: its first event id is stored in the stream, followed by
/// the rest of its ids in order, where the append expected to write them. Such a retry gets the first
/// result and writes nothing. Ids stored but not as that same append are a conflict. A retry that expected
/// no particular revision is recognised within the stream's recent events (as EventStoreDB does).
/// </summary>
internal static class RetryDetection
{
    /// <summary>True when the append was decided here (a retry, or a conflict); false when it is new.</summary>
    public static bool TryDecide(AppendRequest request, StreamState? state, LogStatements sql)
    {
        if (state is null)
            return false;
        var first = request.Events[0].EventId;
        var stored = state.RecentFrom(first);
        if (stored is null)
        {
            // Older than the recent events: an append that expected an exact place is looked up there.
            var expectedFirst = ExpectedFirstRevision(request.Expected);
            if (expectedFirst is not { } from || from > state.Revision)
                return false;
            stored = sql.ReadRange(request.Stream, from, request.Events.Count);
            if (stored.Count == 0 || stored[0].EventId != first)
                return false;
        }

        var sameAppend = stored.Count >= request.Events.Count &&
            request.Events.Select((e, i) => e.EventId == stored[i].EventId).All(same => same) &&
            (ExpectedFirstRevision(request.Expected) is not { } place || place == stored[0].Revision);
        if (!sameAppend)
        {
            request.Error = new EventIdConflictException(first, request.Stream, stored[0].Revision);
            return true;
        }
        var last = stored[request.Events.Count - 1];
        request.Result = new AppendResult(last.Revision, Position.At((ulong)last.Position));
        return true;
    }

    /// <summary>Where the append's first event was to go, when the expectation says.</summary>
    private static long? ExpectedFirstRevision(ExpectedRevision expected) =>
        expected.IsExact ? expected.Value + 1 : expected == ExpectedRevision.NoStream ? 0 : null;
}
