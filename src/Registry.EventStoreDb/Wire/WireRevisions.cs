using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Wire.Streams;
using ProtoEmpty = Google.Protobuf.WellKnownTypes.Empty;

namespace Registry.EventStoreDb.Wire;

/// <summary>Expected revisions and append outcomes between the port and the wire, for the client and the conformance node.</summary>
public static class WireRevisions
{
    public static AppendReq.Types.Options AppendOptions(string stream, ExpectedRevision expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = StreamNames.Identifier(stream) };
        if (expected.IsExact)
            options.Revision = (ulong)expected.ExactRevision;
        else if (expected == ExpectedRevision.NoStream)
            options.NoStream = new Empty();
        else if (expected == ExpectedRevision.StreamExists)
            options.StreamExists = new Empty();
        else
            options.Any = new Empty();
        return options;
    }

    public static ExpectedRevision FromAppendOptions(AppendReq.Types.Options options) => options.ExpectedStreamRevisionCase switch
    {
        AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => Exact(options.Revision),
        AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => ExpectedRevision.NoStream,
        AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists => ExpectedRevision.StreamExists,
        AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any => ExpectedRevision.Any,
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "options.expected_stream_revision: required.")),
    };

    public static ExpectedRevision FromBatchOptions(BatchAppendReq.Types.Options options) => options.ExpectedStreamPositionCase switch
    {
        BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamPosition => Exact(options.StreamPosition),
        BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.NoStream => ExpectedRevision.NoStream,
        BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamExists => ExpectedRevision.StreamExists,
        BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.Any => ExpectedRevision.Any,
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "options.expected_stream_position: required.")),
    };

    private static ExpectedRevision Exact(ulong revision) => revision <= long.MaxValue
        ? ExpectedRevision.Exact((long)revision)
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"Expected revision {revision} is out of range."));

    public static AppendResp WrongExpectedVersion(long? current, ExpectedRevision expected)
    {
        var wrong = new AppendResp.Types.WrongExpectedVersion();
        if (current is { } revision)
            wrong.CurrentRevision = (ulong)revision;
        else
            wrong.CurrentNoStream = new Empty();
        if (expected.IsExact)
            wrong.ExpectedRevision = (ulong)expected.ExactRevision;
        else if (expected == ExpectedRevision.NoStream)
            wrong.ExpectedNoStream = new Empty();
        else if (expected == ExpectedRevision.StreamExists)
            wrong.ExpectedStreamExists = new Empty();
        else
            wrong.ExpectedAny = new Empty();
        return new AppendResp { WrongExpectedVersion = wrong };
    }

    /// <summary>The stream's revision a wrong-expected-version answer reports; null when the stream does not exist.</summary>
    public static long? CurrentRevision(AppendResp.Types.WrongExpectedVersion wrong) => wrong.CurrentRevisionOptionCase switch
    {
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => (long)wrong.CurrentRevision,
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => null,
        // The first server version's fields.
        _ => wrong.CurrentRevisionOption2060Case == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060
            ? (long)wrong.CurrentRevision2060
            : null,
    };

    /// <summary>The same for the shared message a batch append's error carries.</summary>
    public static Wire.WrongExpectedVersion SharedWrongExpectedVersion(long? current, ExpectedRevision expected)
    {
        var wrong = new Wire.WrongExpectedVersion();
        if (current is { } revision)
            wrong.CurrentStreamRevision = (ulong)revision;
        else
            wrong.CurrentNoStream = new ProtoEmpty();
        if (expected.IsExact)
            wrong.ExpectedStreamPosition = (ulong)expected.ExactRevision;
        else if (expected == ExpectedRevision.NoStream)
            wrong.ExpectedNoStream = new ProtoEmpty();
        else if (expected == ExpectedRevision.StreamExists)
            wrong.ExpectedStreamExists = new ProtoEmpty();
        else
            wrong.ExpectedAny = new ProtoEmpty();
        return wrong;
    }
}
