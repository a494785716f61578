namespace Registry.Grpc.Server.Security;

/// <summary>An authorizer's answer for one call: run it (as whom), or end it with a status before the handler runs.</summary>
public abstract record CallDecision
{
    private CallDecision()
    {
    }

    /// <summary>Run the call; <paramref name="Principal"/> is null for a method that needs no credential.</summary>
    public sealed record Allowed(CallPrincipal? Principal) : CallDecision;

    /// <summary>
    /// End the call with <paramref name="Code"/> (UNAUTHENTICATED or PERMISSION_DENIED) and <paramref name="Message"/>.
    /// <paramref name="Reason"/> goes to the audit log only; <paramref name="PrincipalName"/> is null when nobody was authenticated.
    /// Neither may carry a secret.
    /// </summary>
    public sealed record Denied(StatusCode Code, string Message, string Reason, string? PrincipalName) : CallDecision;

    public static CallDecision Allow(CallPrincipal? principal) => new Allowed(principal);

    public static CallDecision Unauthenticated(string message, string reason) =>
        new Denied(StatusCode.Unauthenticated, message, reason, null);

    public static CallDecision PermissionDenied(CallPrincipal principal, string message) =>
        new Denied(StatusCode.PermissionDenied, message, message, principal.Name);
}
