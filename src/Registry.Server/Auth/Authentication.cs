using Registry.Grpc.Server.Security;

namespace Registry.Server.Auth;

/// <summary>A credential's verdict: the principal it proves, or why it proves nothing (safe to tell the caller and the log).</summary>
internal sealed record Authentication(CallPrincipal? Principal, string? Failure)
{
    public static Authentication Of(CallPrincipal principal) => new(principal, null);

    public static Authentication Failed(string failure) => new(null, failure);
}
