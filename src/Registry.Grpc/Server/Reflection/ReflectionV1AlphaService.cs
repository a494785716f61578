using Google.Protobuf;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Registry.Grpc.Server.Reflection;

/// <summary>
/// grpc.reflection.v1alpha, still the first (or only) version many tools ask for. Its messages are
/// wire-identical to v1, so each is answered by the v1 service through its bytes.
/// </summary>
internal sealed class ReflectionV1AlphaService(ReflectionService v1)
{
    public async Task ServerReflectionInfo(
        IAsyncEnumerable<V1Alpha.ServerReflectionRequest> requests,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            var answer = v1.Answer(V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken);
        }
    }
}
