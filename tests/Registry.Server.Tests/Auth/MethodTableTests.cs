using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Registry.Server.Auth;
using Registry.Server.Tests.Programs;

namespace Registry.Server.Tests.Auth;

/// <summary>The role table names every RPC the server hosts, nothing else, and anything not in it is refused.</summary>
public sealed class MethodTableTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public void Every_hosted_rpc_is_in_the_table_and_the_table_names_nothing_else()
    {
        var hosted = RegistryRpcs.HostedPaths(registry.Registry.Services);

        Assert.Empty(hosted.Except(MethodRoles.Table.Keys));
        Assert.Empty(MethodRoles.Table.Keys.Except(hosted));
        Assert.Contains("/grpc.health.v1.Health/Check", hosted);
        Assert.Contains("/registry.v1.ProgramQueries/WatchPrograms", hosted);
    }

    [Fact]
    public void Only_health_is_open_to_anyone_and_reflection_needs_a_principal()
    {
        var open = MethodRoles.Table.Where(m => m.Value is MethodAccess.Anyone).Select(m => m.Key);
        var anyPrincipal = MethodRoles.Table.Where(m => m.Value is MethodAccess.AnyPrincipal).Select(m => m.Key);

        Assert.Equal(["/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch"], open.Order());
        Assert.All(anyPrincipal, path => Assert.Contains("ServerReflection", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_method_missing_from_the_table_is_refused_even_to_a_principal_with_every_role()
    {
        var services = registry.Registry.Services;
        var fallback = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        var authorization = services.GetRequiredService<IAuthorizationService>();

        var everyRole = await authorization.AuthorizeAsync(Principals.Create("root", Roles.All, "test"), fallback!);
        var anonymous = await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), fallback!);

        Assert.False(everyRole.Succeeded);
        Assert.False(anonymous.Succeeded);
    }
}
