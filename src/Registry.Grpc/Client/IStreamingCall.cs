using Google.Protobuf;

namespace Registry.Grpc.Client;

/// <summary>What a <see cref="RequestWriter{TRequest}"/> needs of its call, whatever the response type.</summary>
internal interface IStreamingCall
{
    Task WriteAsync(StreamingRequestContent content, IMessage message, CancellationToken cancellationToken);
}
