using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Grpc.Server;

/// <summary>A method of a registered service, ready to run a call: it reads, invokes the handler and writes.</summary>
internal abstract class ServerMethod(MethodDescriptor descriptor)
{
    public MethodDescriptor Descriptor { get; } = descriptor;

    public string Path { get; } = $"/{descriptor.Service.FullName}/{descriptor.Name}";

    public abstract bool IsStreaming { get; }

    /// <summary>Runs the call up to its final status, which the caller writes.</summary>
    public abstract Task InvokeAsync(ServerCall call);

    /// <summary>From the application's container: a per-request scope would cost every call an allocation.</summary>
    protected static TService Resolve<TService>(ServerCall call) where TService : notnull =>
        call.Services.GetRequiredService<TService>();
}

internal sealed class UnaryMethod<TService, TRequest, TResponse>(
    MethodDescriptor descriptor,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> handler) : ServerMethod(descriptor)
    where TService : notnull
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = (MessageParser<TRequest>)descriptor.InputType.Parser;

    public override bool IsStreaming => false;

    public override async Task InvokeAsync(ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(_parser);
        var response = await handler(Resolve<TService>(call), request, call.Context);
        await call.WriteMessageAsync(response, flush: false);
    }
}

internal sealed class ServerStreamingMethod<TService, TRequest, TResponse>(
    MethodDescriptor descriptor,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler) : ServerMethod(descriptor)
    where TService : notnull
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = (MessageParser<TRequest>)descriptor.InputType.Parser;

    public override bool IsStreaming => true;

    public override async Task InvokeAsync(ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(_parser);
        await handler(Resolve<TService>(call), request, new ResponseStream<TResponse>(call), call.Context);
    }
}

internal sealed class ClientStreamingMethod<TService, TRequest, TResponse>(
    MethodDescriptor descriptor,
    Func<TService, IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler) : ServerMethod(descriptor)
    where TService : notnull
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = (MessageParser<TRequest>)descriptor.InputType.Parser;

    public override bool IsStreaming => true;

    public override async Task InvokeAsync(ServerCall call)
    {
        var response = await handler(Resolve<TService>(call), new RequestStream<TRequest>(call, _parser), call.Context);
        await call.WriteMessageAsync(response, flush: false);
    }
}

internal sealed class DuplexStreamingMethod<TService, TRequest, TResponse>(
    MethodDescriptor descriptor,
    Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler) : ServerMethod(descriptor)
    where TService : notnull
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = (MessageParser<TRequest>)descriptor.InputType.Parser;

    public override bool IsStreaming => true;

    public override Task InvokeAsync(ServerCall call) =>
        handler(Resolve<TService>(call), new RequestStream<TRequest>(call, _parser), new ResponseStream<TResponse>(call), call.Context);
}

/// <summary>A method the .proto declares but the service class does not implement.</summary>
internal sealed class UnimplementedMethod(MethodDescriptor descriptor) : ServerMethod(descriptor)
{
    public override bool IsStreaming => false;

    public override Task InvokeAsync(ServerCall call) =>
        throw new RpcException(StatusCode.Unimplemented, $"Method '{Path}' is not implemented.");
}
