using System.Security.Claims;

namespace Registry.Server.Auth;

/// <summary>The principal of an authenticated call: its name (the actor of every event it appends) and its roles, implied ones included.</summary>
internal static class Principals
{
    public static ClaimsPrincipal Create(string name, IEnumerable<string> roles, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in roles)
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return new ClaimsPrincipal(identity);
    }
}
