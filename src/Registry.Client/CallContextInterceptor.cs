using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Registry.Client;

/// <summary>Puts a <see cref="CallContext"/> on every call: its headers, and its timeout where the call set no deadline.</summary>
internal sealed class CallContextInterceptor(CallContext context) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context));

    private ClientInterceptorContext<TRequest, TResponse> With<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> call)
        where TRequest : class
        where TResponse : class
    {
        var headers = new Metadata();
        foreach (var entry in call.Options.Headers ?? [])
            headers.Add(entry);
        context.Credential?.AddTo(headers);
        if (!string.IsNullOrWhiteSpace(context.CorrelationId) && headers.Get(CallContext.CorrelationHeader) is null)
            headers.Add(CallContext.CorrelationHeader, context.CorrelationId);
        var options = call.Options.WithHeaders(headers);
        if (options.Deadline is null && context.Timeout is { } timeout)
            options = options.WithDeadline(DateTime.UtcNow + timeout);
        return new ClientInterceptorContext<TRequest, TResponse>(call.Method, call.Host, options);
    }
}
