namespace Registry.Grpc.Server.Security;

/// <summary>
/// Decides, from its headers, whether a call may run and as whom, before the request is read or the handler
/// resolved. Registered with <see cref="GrpcServerBuilder.AddAuthorizer{T}"/>; without one every call runs.
/// It must not throw for anything a client sends.
/// </summary>
public interface ICallAuthorizer
{
    ValueTask<CallDecision> AuthorizeAsync(CallAuthorizationContext context);
}
