using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Registry.Grpc.Client;

/// <summary>
/// A callable method, taken from the generated protobuf descriptor so that path, call kind and message
/// types cannot drift from the .proto file.
/// </summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    /// <summary>Throws <see cref="ArgumentException"/> when the descriptor's message types are not TRequest and TResponse.</summary>
    public Method(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        RequireClrType(descriptor, descriptor.InputType, typeof(TRequest), "request");
        RequireClrType(descriptor, descriptor.OutputType, typeof(TResponse), "response");

        FullName = $"/{descriptor.Service.FullName}/{descriptor.Name}";
        Type = descriptor.GetMethodType();
        ResponseParser = (MessageParser<TResponse>)descriptor.OutputType.Parser;
    }

    /// <summary>The HTTP/2 path, <c>/package.Service/Method</c>.</summary>
    public string FullName { get; }

    public MethodType Type { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    private static void RequireClrType(MethodDescriptor method, MessageDescriptor message, Type expected, string role)
    {
        if (message.ClrType != expected)
        {
            throw new ArgumentException(
                $"Method {method.FullName} takes {message.FullName} ({message.ClrType?.Name}) as {role}, not {expected.Name}.",
                nameof(method));
        }
    }

    public override string ToString() => $"{Type} {FullName}";
}
