namespace Registry.Grpc;

/// <summary>The four kinds of gRPC call, as the .proto declares them with <c>stream</c>.</summary>
public enum MethodType
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    DuplexStreaming,
}
