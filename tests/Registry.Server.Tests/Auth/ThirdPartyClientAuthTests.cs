using Registry.Testing;
using Registry.Server.Auth;
using Registry.Server.Tests.Programs;

namespace Registry.Server.Tests.Auth;

/// <summary>Debian's python3-grpcio, a client this project did not write, with a bearer token, an API key and nothing.</summary>
public sealed class ThirdPartyClientAuthTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly string Python = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_PYTHON") ?? "/usr/bin/python3";

    [Fact]
    public async Task Python_grpcio_gets_in_with_a_token_or_a_key_and_is_unauthenticated_without()
    {
        var dir = Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "python");
        var target = $"{registry.Address.Host}:{registry.Address.Port}";
        var credentials = new Dictionary<string, string>
        {
            ["REGISTRY_TOKEN"] = TestCredentials.Token("python-client", [Roles.Reader]).Token,
            ["REGISTRY_API_KEY"] = TestCredentials.ForRole(Roles.Reader).Key,
        };

        var result = await ThirdPartyClient.RunAsync(Python, [Path.Combine(dir, "registry_auth.py"), "--target", target], dir, credentials);

        ThirdPartyClient.AssertPassed("python3-grpcio", "registry_auth", target, result);
        Assert.Contains("""{"api_key": "OK", "bad_token": "UNAUTHENTICATED", "bearer_token": "OK", "health_no_credential": "0801", "no_credential": "UNAUTHENTICATED"}""",
            result.Output, StringComparison.Ordinal);
    }
}
