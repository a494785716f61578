using Google.Protobuf.Reflection;

namespace Registry.Grpc;

public static class MethodDescriptorExtensions
{
    /// <summary>The call kind the .proto declares for a method.</summary>
    public static MethodType GetMethodType(this MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (false, true) => MethodType.ServerStreaming,
        (true, false) => MethodType.ClientStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };
}
