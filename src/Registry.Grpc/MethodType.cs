namespace Registry.Grpc;

/// <summary>The four shapes of a gRPC call, named by which sides send a stream of messages.</summary>
public enum MethodType
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    DuplexStreaming,
}
