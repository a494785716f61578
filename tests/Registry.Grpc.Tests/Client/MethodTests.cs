using Registry.Grpc.Client;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

public class MethodTests
{
    [Fact]
    public void Path_and_kind_come_from_the_descriptor()
    {
        Assert.Equal("/registry.interop.v1.Echo/Unary", EchoMethods.Unary.FullName);
        Assert.Equal(MethodType.Unary, EchoMethods.Unary.Type);
        Assert.Equal(MethodType.ServerStreaming, EchoMethods.ServerStream.Type);
        Assert.Equal(MethodType.ClientStreaming, EchoMethods.ClientStream.Type);
        Assert.Equal(MethodType.DuplexStreaming, EchoMethods.Duplex.Type);
        Assert.Equal("/registry.interop.v1.Echo/Observe", EchoMethods.Observe.FullName);
    }

    [Fact]
    public void Response_parser_is_the_descriptors()
    {
        var reply = new EchoReply { Text = "x", Index = 3 };
        Assert.Equal(reply, EchoMethods.Unary.ResponseParser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(reply)));
    }

    [Fact]
    public void Wrong_request_type_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Method<ObserveRequest, EchoReply>(EchoMethods.Service.FindMethodByName("Unary")));
        Assert.Contains("registry.interop.v1.EchoRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_response_type_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Method<EchoRequest, Observation>(EchoMethods.Service.FindMethodByName("Unary")));
        Assert.Contains("registry.interop.v1.EchoReply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_cannot_be_called_as_another_kind()
    {
        using var channel = GrpcChannel.ForAddress(new Uri("http://127.0.0.1:1"));
        Assert.Throws<ArgumentException>(() => channel.Unary(EchoMethods.ServerStream, new EchoRequest()));
        Assert.Throws<ArgumentException>(() => channel.DuplexStreaming(EchoMethods.ClientStream));
    }
}
