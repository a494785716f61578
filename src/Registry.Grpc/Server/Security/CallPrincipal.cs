namespace Registry.Grpc.Server.Security;

/// <summary>Who an authenticated call comes from: a name, the roles granted, and how the caller proved it.</summary>
public sealed record CallPrincipal(string Name, IReadOnlySet<string> Roles, string Scheme)
{
    public bool IsInRole(string role) => Roles.Contains(role);
}
