using Google.Protobuf;
using Registry.Grpc.Client;
using Registry.Grpc.Tests.Echo;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>
/// A server may end a client-streaming call (an error after the first message) while the client is still
/// sending: HttpClient then cancels the request body. The client must report the server's status, not a
/// cancellation of its own.
/// </summary>
public sealed class EarlyServerAnswerTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task A_server_that_answers_before_the_request_ends_is_heard_rather_than_reported_as_cancelled()
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var payload = ByteString.CopyFrom(new byte[16 * 1024]);
        for (var round = 0; round < 20; round++)
        {
            using var call = channel.ClientStreaming(EchoMethods.ClientStream, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
            try
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Text = "stop", FailCode = (int)StatusCode.FailedPrecondition, FailMessage = "refused early" });
                for (var i = 0; i < 200; i++)
                    await call.RequestStream.WriteAsync(new EchoRequest { Payload = payload });
                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException write)
            {
                Assert.Equal(StatusCode.FailedPrecondition, write.StatusCode);
            }

            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Equal("refused early", error.Status.Detail);
        }
    }
}
