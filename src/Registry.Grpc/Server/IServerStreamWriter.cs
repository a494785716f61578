namespace Registry.Grpc.Server;

/// <summary>Writes the response messages of a server-streaming or bidirectional call, one flush each.</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
