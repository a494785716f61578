using Google.Protobuf.WellKnownTypes;
using Empty = Google.Protobuf.WellKnownTypes.Empty;
using Registry.EventStore;
using Registry.EventStoreDb.Wire;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb.Conformance;

/// <summary>An append's outcome as Append and BatchAppend answer it.</summary>
internal static class AppendReplies
{
    public static AppendResp ToAppendResp(Appender.Outcome outcome, ExpectedRevision expected)
    {
        if (!outcome.Success)
            return WireRevisions.WrongExpectedVersion(outcome.CurrentRevision, expected);
        var success = new AppendResp.Types.Success();
        if (outcome.CurrentRevision is { } revision)
            success.CurrentRevision = (ulong)revision;
        else
            success.NoStream = new Registry.EventStoreDb.Wire.Empty();
        if (outcome.Position is { } position)
            success.Position = new AppendResp.Types.Position { CommitPosition = position.Commit, PreparePosition = position.Prepare };
        else
            success.NoPosition = new Registry.EventStoreDb.Wire.Empty();
        return new AppendResp { Success = success };
    }

    public static BatchAppendResp ToBatchAppendResp(UUID correlationId, BatchAppendReq.Types.Options options, Appender.Outcome outcome, ExpectedRevision expected)
    {
        var response = new BatchAppendResp { CorrelationId = correlationId, StreamIdentifier = options.StreamIdentifier };
        switch (options.ExpectedStreamPositionCase)
        {
            case BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamPosition:
                response.StreamPosition = options.StreamPosition;
                break;
            case BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.NoStream:
                response.NoStream = new Empty();
                break;
            case BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamExists:
                response.StreamExists = new Empty();
                break;
            default:
                response.Any = new Empty();
                break;
        }
        if (!outcome.Success)
        {
            // In the reply, not as the call's status: the batch goes on, as EventStoreDB's does.
            response.Error = new Google.Rpc.Status
            {
                Code = (int)Google.Rpc.Code.FailedPrecondition,
                Message = "Wrong expected version.",
                Details = { Any.Pack(WireRevisions.SharedWrongExpectedVersion(outcome.CurrentRevision, expected)) },
            };
            return response;
        }
        var success = new BatchAppendResp.Types.Success();
        if (outcome.CurrentRevision is { } revision)
            success.CurrentRevision = (ulong)revision;
        else
            success.NoStream = new Empty();
        if (outcome.Position is { } position)
            success.Position = new AllStreamPosition { CommitPosition = position.Commit, PreparePosition = position.Prepare };
        else
            success.NoPosition = new Empty();
        response.Success = success;
        return response;
    }
}
