using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Registry.EventStoreDb.Wire;

namespace Registry.EventStoreDb.Connection;

/// <summary>
/// The headers every call to a node carries: the connection name, the leader requirement and the Basic
/// credentials. The credentials are a header added here, not CallCredentials: grpc-dotnet applies those only
/// on TLS channels (short of UnsafeUseInsecureChannelCallCredentials), yet EventStoreDB takes Basic
/// credentials over tls=false too, as its official clients send them. One interceptor treats both the same.
/// </summary>
internal sealed class NodeHeaders(EventStoreDbSettings settings) : Interceptor
{
    private readonly string? _authorization = settings.UserName is { } user
        ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{settings.Password}"))
        : null;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithHeaders(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithHeaders(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context));

    private ClientInterceptorContext<TRequest, TResponse> WithHeaders<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var headers = new Metadata { { ErrorMetadata.ConnectionName, settings.ConnectionName } };
        if (_authorization is not null)
            headers.Add(ErrorMetadata.Authorization, _authorization);
        if (settings.NodePreference == NodePreference.Leader)
            headers.Add(ErrorMetadata.RequiresLeader, "true");
        foreach (var entry in context.Options.Headers ?? [])
            headers.Add(entry);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
