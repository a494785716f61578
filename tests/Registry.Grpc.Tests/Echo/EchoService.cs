using Google.Protobuf;
using Registry.Grpc.Server;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Echo;

/// <summary>The Echo interop service as echo.proto describes it, hosted by Registry.Grpc.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Handlers are bound by name as instance methods.")]
public sealed class EchoService(Observations observations)
{
    private const string EchoPrefix = "x-echo-";

    public async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        return await ReplyAsync(request, 0, context);
    }

    public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        for (var i = 0; i < request.Count; i++)
        {
            var reply = await ReplyAsync(request, i, context);
            reply.Text = $"{request.Text}#{i}";
            await responses.WriteAsync(reply, context.CancellationToken);
        }
    }

    public async Task<EchoReply> ClientStream(IAsyncEnumerable<EchoRequest> requests, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        var texts = new List<string>();
        long bytes = 0;
        await foreach (var request in requests)
        {
            ThrowIfAskedToFail(request);
            texts.Add(request.Text);
            bytes += request.Payload.Length;
        }
        var reply = new EchoReply { Text = string.Join(",", texts), Received = texts.Count, ReceivedBytes = bytes };
        reply.Headers.Add(EchoedHeaders(context));
        return reply;
    }

    public async Task Duplex(IAsyncEnumerable<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        var index = 0;
        await foreach (var request in requests)
            await responses.WriteAsync(await ReplyAsync(request, index++, context), context.CancellationToken);
    }

    public async Task<Observation> Observe(ObserveRequest request, ServerCallContext context) =>
        await observations.ObserveAsync(request.Tag, TimeSpan.FromMilliseconds(request.WaitMs));

    private async Task<EchoReply> ReplyAsync(EchoRequest request, int index, ServerCallContext context)
    {
        observations.Started(request.Tag);
        var cancelled = false;
        try
        {
            if (request.DelayMs > 0)
                await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            throw;
        }
        finally
        {
            observations.Finished(request.Tag, cancelled);
        }

        ThrowIfAskedToFail(request);
        var reply = new EchoReply
        {
            Text = request.Text,
            Index = index,
            Payload = request.ReplySize > 0 ? Filler(request.ReplySize) : request.Payload,
        };
        reply.Headers.Add(EchoedHeaders(context));
        return reply;
    }

    private static ByteString Filler(int size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)'a');
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private static void ThrowIfAskedToFail(EchoRequest request)
    {
        if (request.FailCode == 0)
            return;
        var code = (StatusCode)request.FailCode;
        if (!request.FailWithDetails)
            throw new RpcException(code, request.FailMessage);
        var badRequest = new Google.Rpc.BadRequest();
        badRequest.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = "text", Description = request.FailMessage });
        badRequest.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = "payload", Description = "payload is wrong too" });
        throw RpcException.WithDetails(code, request.FailMessage, badRequest);
    }

    private static async Task EchoHeadersAsync(ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith(EchoPrefix, StringComparison.Ordinal)))
        {
            if (entry.IsBinary)
            {
                echoed.Add(entry.Key, entry.ValueBytes!);
                context.ResponseTrailers.Add(entry.Key, entry.ValueBytes!);
            }
            else
            {
                echoed.Add(entry.Key, entry.Value!);
                context.ResponseTrailers.Add(entry.Key, entry.Value!);
            }
        }
        if (echoed.Count > 0)
            await context.WriteResponseHeadersAsync(echoed);
    }

    private static Dictionary<string, string> EchoedHeaders(ServerCallContext context) => context.RequestHeaders
        .Where(e => e.Key.StartsWith(EchoPrefix, StringComparison.Ordinal))
        .GroupBy(e => e.Key)
        .ToDictionary(g => g.Key, g => g.Last().IsBinary ? Convert.ToBase64String(g.Last().ValueBytes!) : g.Last().Value!);
}
