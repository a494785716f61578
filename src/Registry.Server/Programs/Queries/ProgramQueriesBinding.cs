using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;
using Registry.Server.Rpc;
using Registry.V1;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Binds registry.v1.ProgramQueries as generated, except that WatchPrograms writes updates through
/// <see cref="EncodedOnce"/>: an update every watcher of a programme receives is serialized once, not once per
/// watcher (1,000 watchers of 100 programmes would otherwise serialize each change ten times). The bytes on
/// the wire are the same. grpc-dotnet, JSON transcoding and reflection find this class through the
/// BindServiceMethod attribute of <see cref="ProgramQueriesService"/>; the latter two read its Descriptor.
/// </summary>
internal static class ProgramQueriesBinding
{
    public static ServiceDescriptor Descriptor => ProgramQueries.Descriptor;

    public static void Bind(ServiceBinderBase binder, ProgramQueries.ProgramQueriesBase service) =>
        ProgramQueries.BindService(new SharedUpdatesBinder(binder), service);

    private sealed class SharedUpdatesBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(
                new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, EncodedOnce.Around(method.ResponseMarshaller)),
                handler);
    }
}
