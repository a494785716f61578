using Grpc.Core;
using Registry.Grpc.Bench.Protos;

namespace Registry.Grpc.Bench;

/// <summary>Echo.Unary as cheap as a handler can be, so the measure is grpc-dotnet's own cost.</summary>
public sealed class BenchEchoService : Echo.EchoBase
{
    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text });
}
