using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;

namespace Registry.Server.Auth;

/// <summary>
/// <see cref="MethodRoles"/> as ASP.NET Core authorization: a policy per role, one for any authenticated
/// principal, and a fallback policy that refuses every endpoint no policy was given to (fail closed: an RPC
/// missing from the table is refused to everyone).
/// </summary>
internal static class MethodAuthorization
{
    public const string AuthenticatedPolicy = "authenticated";

    private const string RolePrefix = "role:";

    public static string RolePolicy(string role) => RolePrefix + role;

    /// <summary>The role a policy of <see cref="RolePolicy"/> asks for; null for any other policy.</summary>
    public static string? RoleOf(string? policy) =>
        policy is not null && policy.StartsWith(RolePrefix, StringComparison.Ordinal) ? policy[RolePrefix.Length..] : null;

    /// <summary>The policy of a <see cref="MethodAccess.AnyRole"/> entry: "roles:auditor|admin".</summary>
    public static string AnyRolePolicy(IEnumerable<string> roles) => "roles:" + string.Join('|', roles);

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var role in Roles.All)
            options.AddPolicy(RolePolicy(role), policy => policy.RequireAuthenticatedUser().RequireRole(role));
        foreach (var anyRole in MethodRoles.Table.Values.OfType<MethodAccess.AnyRole>().DistinctBy(a => AnyRolePolicy(a.Names)))
            options.AddPolicy(AnyRolePolicy(anyRole.Names), policy => policy.RequireAuthenticatedUser().RequireRole(anyRole.Names));
        options.AddPolicy(AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(_ => false)
            .Build();
    }

    /// <summary>
    /// Gives every RPC of a mapped service the policy its table entry names; an RPC without one keeps the
    /// fallback. The endpoints grpc-dotnet adds for unknown methods answer UNIMPLEMENTED to anyone, as they
    /// reveal nothing.
    /// </summary>
    public static TBuilder RequireMethodRoles<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc)
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
                return;
            }
            switch (MethodRoles.Table.GetValueOrDefault(grpc.Method.FullName))
            {
                case MethodAccess.Anyone:
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                    break;
                case MethodAccess.AnyPrincipal:
                    endpoint.Metadata.Add(new AuthorizeAttribute(AuthenticatedPolicy));
                    break;
                case MethodAccess.Role role:
                    endpoint.Metadata.Add(new AuthorizeAttribute(RolePolicy(role.Name)));
                    break;
                case MethodAccess.AnyRole anyRole:
                    endpoint.Metadata.Add(new AuthorizeAttribute(AnyRolePolicy(anyRole.Names)));
                    break;
            }
        });
        return builder;
    }
}
