using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;
using Registry.Server.Rpc;
using Registry.V1;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Binds registry.v1.ProgramQueries as generated, except that responses go through <see cref="EncodedOnce"/>'s
/// marshaller: an answer many calls give (GetProgram of a programme, a change every watcher of a programme
/// receives) is serialized once rather than at every call or for every watcher. The bytes on the wire are the
/// same. grpc-dotnet, JSON transcoding and reflection find this class through the BindServiceMethod attribute of
/// <see cref="ProgramQueriesService"/>; the latter two read its Descriptor.
/// </summary>
internal static class ProgramQueriesBinding
{
    public static ServiceDescriptor Descriptor => ProgramQueries.Descriptor;

    public static void Bind(ServiceBinderBase binder, ProgramQueries.ProgramQueriesBase service) =>
        ProgramQueries.BindService(new EncodedOnceBinder(binder), service);

    private sealed class EncodedOnceBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(WithEncodedResponses(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(WithEncodedResponses(method), handler);

        private static Method<TRequest, TResponse> WithEncodedResponses<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class =>
            new(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, EncodedOnce.Around(method.ResponseMarshaller));
    }
}
