namespace Registry.Server.Auth;

/// <summary>What a method asks of its caller.</summary>
public abstract record MethodAccess
{
    private MethodAccess()
    {
    }

    /// <summary>Anyone, with or without a credential (health checks from load balancers and orchestrators).</summary>
    public sealed record Anyone : MethodAccess;

    /// <summary>Any authenticated principal, whatever its roles.</summary>
    public sealed record AnyPrincipal : MethodAccess;

    /// <summary>A principal holding <paramref name="Name"/> (directly or through a role that implies it).</summary>
    public sealed record Role(string Name) : MethodAccess;

    /// <summary>A principal holding any one of <paramref name="Names"/> (directly or implied).</summary>
    public sealed record AnyRole(params string[] Names) : MethodAccess;

    public static readonly MethodAccess Open = new Anyone();
    public static readonly MethodAccess Authenticated = new AnyPrincipal();
}
