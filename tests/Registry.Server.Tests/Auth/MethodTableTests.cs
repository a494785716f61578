using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Credentials;
using Registry.Grpc;
using Registry.Grpc.Server.Security;
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
        var authorizer = new RegistryAuthorizer(registry.Registry.Services.GetRequiredService<CallAuthenticator>());
        var method = V1.AdminReflection.Descriptor.Services[0].Methods[0];

        var withKey = await authorizer.AuthorizeAsync(Context(method, TestCredentials.Default));
        var anonymous = await authorizer.AuthorizeAsync(Context(method, null));

        Assert.Equal(StatusCode.PermissionDenied, Assert.IsType<CallDecision.Denied>(withKey).Code);
        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<CallDecision.Denied>(anonymous).Code);
    }

    private static CallAuthorizationContext Context(Google.Protobuf.Reflection.MethodDescriptor method, Credential.ApiKey? key)
    {
        var headers = new HeaderDictionary();
        if (key is not null)
            headers[Credential.ApiKeyHeader] = key.Key;
        return new CallAuthorizationContext(method, "/registry.v1.Unlisted/Method", headers, "ipv4:127.0.0.1:1");
    }
}
