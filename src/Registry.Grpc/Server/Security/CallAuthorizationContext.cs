using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;

namespace Registry.Grpc.Server.Security;

/// <summary>What an authorizer sees of a call: its method and request headers. No request message has been read yet.</summary>
public sealed class CallAuthorizationContext
{
    public CallAuthorizationContext(MethodDescriptor method, string path, IHeaderDictionary headers, string peer)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Peer = peer;
    }

    public MethodDescriptor Method { get; }

    /// <summary><c>/package.Service/Method</c>.</summary>
    public string Path { get; }

    /// <summary>The raw HTTP/2 request headers (credentials travel in <c>authorization</c> and the like).</summary>
    public IHeaderDictionary Headers { get; }

    public string Peer { get; }
}
