using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Wire.Streams;

namespace Registry.EventStoreDb.Tests;

/// <summary>
/// Every failure a node reports (a status, and the "exception" trailer EventStoreDB names it with) becomes
/// the store port's error. A scripted node answers each call with the failure under test.
/// </summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<string, StatusCode, string[], Type> Failures() => new()
    {
        { "wrong expected version", StatusCode.FailedPrecondition, ["exception", "wrong-expected-version", "stream-name", "s", "expected-version", "3", "actual-version", "5"], typeof(WrongExpectedRevisionException) },
        { "stream deleted", StatusCode.FailedPrecondition, ["exception", "stream-deleted", "stream-name", "s"], typeof(StreamDeletedException) },
        { "access denied", StatusCode.PermissionDenied, ["exception", "access-denied"], typeof(AccessDeniedException) },
        { "bad credentials", StatusCode.Unauthenticated, [], typeof(AccessDeniedException) },
        { "unavailable", StatusCode.Unavailable, [], typeof(EventStoreUnavailableException) },
        { "internal", StatusCode.Internal, [], typeof(EventStoreUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Append_failures_map_to_the_port_s_errors(string failure, StatusCode code, string[] trailers, Type expected)
    {
        await using var node = await ScriptedNode.StartAsync(new FailingStreams(Failure(failure, code, trailers)));
        await using var store = EventStoreDbStore.Connect($"esdb://127.0.0.1:{node.Port}?tls=false&defaultDeadline=2000");

        var error = await Assert.ThrowsAnyAsync<EventStoreException>(() => store.AppendAsync("s", ExpectedRevision.Exact(3), Subscriptions.Events(1)));

        Assert.IsType(expected, error);
        if (error is WrongExpectedRevisionException wrong)
        {
            Assert.Equal(5, wrong.Actual);
            Assert.Equal(ExpectedRevision.Exact(3), wrong.Expected);
        }
        if (error is StreamDeletedException deleted)
            Assert.Equal("s", deleted.Stream);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Read_failures_map_to_the_port_s_errors(string failure, StatusCode code, string[] trailers, Type expected)
    {
        await using var node = await ScriptedNode.StartAsync(new FailingStreams(Failure(failure, code, trailers)));
        await using var store = EventStoreDbStore.Connect($"esdb://127.0.0.1:{node.Port}?tls=false&defaultDeadline=2000");

        var error = await Assert.ThrowsAnyAsync<EventStoreException>(async () =>
        {
            await foreach (var _ in store.ReadStreamAsync("s", Direction.Forwards, 0, 10))
            {
            }
        });

        Assert.IsType(expected, error);
    }

    private static RpcException Failure(string failure, StatusCode code, string[] trailers)
    {
        var metadata = new Metadata();
        for (var i = 0; i < trailers.Length; i += 2)
            metadata.Add(trailers[i], trailers[i + 1]);
        return new RpcException(new Status(code, failure), metadata);
    }

    /// <summary>Streams.Append and Streams.Read, each answering with one failure (its status and trailers).</summary>
    public sealed class FailingStreams(RpcException failure) : Streams.StreamsBase
    {
        public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
        {
            await foreach (var _ in requestStream.ReadAllAsync(context.CancellationToken))
            {
            }
            throw failure;
        }

        public override Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context) => throw failure;
    }
}
