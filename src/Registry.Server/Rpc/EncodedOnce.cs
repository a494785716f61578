using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;

namespace Registry.Server.Rpc;

/// <summary>
/// Answers that many gRPC calls give unchanged (a programme's current state, the update a change makes for each
/// of its watchers), serialized once. <see cref="StandIn{T}"/> serializes a message and returns an empty message of its type
/// that stands for those bytes: a marshaller made by <see cref="Around{T}"/> writes the bytes for it, and
/// serializes any other message as usual. A stand-in is a few bytes to keep where the message it replaces is
/// thousands of objects (a state of 100 claims), which the garbage collector would otherwise trace and move
/// for as long as it is kept. It only means something to that marshaller: it is never for JSON or a log.
/// </summary>
internal static class EncodedOnce
{
    private static readonly ConditionalWeakTable<object, byte[]> Encoded = new();

    public static T StandIn<T>(T message) where T : class, IMessage, new() => StandIn<T>(message.ToByteArray());

    /// <summary>A stand-in for a message of type <typeparamref name="T"/> already serialized.</summary>
    public static T StandIn<T>(byte[] serialized) where T : class, IMessage, new()
    {
        var standIn = new T();
        Encoded.AddOrUpdate(standIn, serialized);
        return standIn;
    }

    /// <summary>Whether the call is gRPC (application/grpc...), whose responses go through the marshaller; JSON callers of the HTTP API need the message itself.</summary>
    public static bool Understood(ServerCallContext context) =>
        context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static Marshaller<T> Around<T>(Marshaller<T> inner) where T : class => new(
        (message, context) =>
        {
            if (Encoded.TryGetValue(message, out var bytes))
                context.Complete(bytes);
            else
                inner.ContextualSerializer(message, context);
        },
        inner.ContextualDeserializer);
}
