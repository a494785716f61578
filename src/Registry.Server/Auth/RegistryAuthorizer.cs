using Registry.Grpc.Server.Security;

namespace Registry.Server.Auth;

/// <summary>
/// The registry's policy, applied before any handler runs (so a refusal never depends on, or tells, whether a
/// programme exists): open methods run for anyone; the others need a valid credential (UNAUTHENTICATED
/// otherwise) and the role <see cref="MethodRoles"/> names (PERMISSION_DENIED otherwise). A method missing
/// from the table is refused to everyone.
/// </summary>
internal sealed class RegistryAuthorizer(CallAuthenticator authenticator) : ICallAuthorizer
{
    public async ValueTask<CallDecision> AuthorizeAsync(CallAuthorizationContext context)
    {
        var access = MethodRoles.Table.GetValueOrDefault(context.Path);
        if (access is MethodAccess.Anyone)
            return CallDecision.Allow(null);

        var authentication = await authenticator.AuthenticateAsync(context.Headers).ConfigureAwait(false);
        if (authentication.Principal is not { } principal)
            return CallDecision.Unauthenticated($"Unauthenticated: {authentication.Failure}.", authentication.Failure!);

        return access switch
        {
            MethodAccess.AnyPrincipal => CallDecision.Allow(principal),
            MethodAccess.Role { Name: var role } when principal.IsInRole(role) => CallDecision.Allow(principal),
            MethodAccess.Role { Name: var role } => CallDecision.PermissionDenied(principal,
                $"'{principal.Name}' may not call {context.Path}: it needs the {role} role."),
            _ => CallDecision.PermissionDenied(principal, $"{context.Path} is open to no role."),
        };
    }
}
