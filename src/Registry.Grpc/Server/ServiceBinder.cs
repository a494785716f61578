using System.Reflection;
using Google.Protobuf.Reflection;

namespace Registry.Grpc.Server;

/// <summary>
/// Binds a service class to a service declared in a .proto: each RPC is handled by the public method of the
/// same name whose signature fits the RPC's kind (taken from the descriptor, as are the message types):
/// <code>
/// unary:            Task&lt;TRes&gt; M(TReq, ServerCallContext)
/// server streaming: Task M(TReq, IServerStreamWriter&lt;TRes&gt;, ServerCallContext)
/// client streaming: Task&lt;TRes&gt; M(IAsyncEnumerable&lt;TReq&gt;, ServerCallContext)
/// bidirectional:    Task M(IAsyncEnumerable&lt;TReq&gt;, IServerStreamWriter&lt;TRes&gt;, ServerCallContext)
/// </code>
/// An RPC without such a method answers UNIMPLEMENTED; a method of that name with another signature is a
/// start-up error, so a typo never turns silently into UNIMPLEMENTED.
/// </summary>
internal static class ServiceBinder
{
    public static IEnumerable<ServerMethod> Bind(Type serviceType, ServiceDescriptor service) =>
        service.Methods.Select(method => Bind(serviceType, method));

    private static ServerMethod Bind(Type serviceType, MethodDescriptor method)
    {
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        var kind = method.GetMethodType();
        var parameters = ParameterTypes(kind, request, response);
        var implementation = serviceType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters);
        if (implementation is null)
        {
            if (serviceType.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name == method.Name))
                throw new InvalidOperationException(
                    $"{serviceType.Name}.{method.Name} does not have the signature of the {kind} RPC {method.FullName}: " +
                    $"expected ({string.Join(", ", parameters.Select(p => p.Name))}).");
            return new UnimplementedMethod(method);
        }

        var expectedReturn = kind is MethodType.Unary or MethodType.ClientStreaming
            ? typeof(Task<>).MakeGenericType(response)
            : typeof(Task);
        if (implementation.ReturnType != expectedReturn)
            throw new InvalidOperationException(
                $"{serviceType.Name}.{method.Name} must return {expectedReturn.Name} for the {kind} RPC {method.FullName}.");

        var factory = typeof(ServiceBinder).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(serviceType, request, response);
        return (ServerMethod)factory.Invoke(null, [kind, method, implementation])!;
    }

    private static Type[] ParameterTypes(MethodType kind, Type request, Type response)
    {
        var context = typeof(ServerCallContext);
        var requests = typeof(IAsyncEnumerable<>).MakeGenericType(request);
        var writer = typeof(IServerStreamWriter<>).MakeGenericType(response);
        return kind switch
        {
            MethodType.Unary => [request, context],
            MethodType.ServerStreaming => [request, writer, context],
            MethodType.ClientStreaming => [requests, context],
            _ => [requests, writer, context],
        };
    }

    private static ServerMethod Create<TService, TRequest, TResponse>(MethodType kind, MethodDescriptor method, MethodInfo implementation)
        where TService : notnull
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> => kind switch
        {
            MethodType.Unary => new UnaryMethod<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>()),
            MethodType.ServerStreaming => new ServerStreamingMethod<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>()),
            MethodType.ClientStreaming => new ClientStreamingMethod<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>>>()),
            _ => new DuplexStreamingMethod<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>()),
        };
}
