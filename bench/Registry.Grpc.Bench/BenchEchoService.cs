using Registry.Grpc.Server;
using Registry.Interop.V1;

namespace Registry.Grpc.Bench;

/// <summary>Echo.Unary only, as cheap as a handler can be; the other Echo methods answer UNIMPLEMENTED.</summary>
public sealed class BenchEchoService
{
    public Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text });
}
