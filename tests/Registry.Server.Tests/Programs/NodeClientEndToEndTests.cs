using Registry.Testing;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// npm's @grpc/grpc-js (a client this project did not write) runs tests/interop/node/registry_e2e.js against
/// a real registry host. Needs <c>npm ci</c> in tests/interop/node first (scripts/test.sh does it).
/// </summary>
public sealed class NodeClientEndToEndTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly string Node = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_NODE") ?? "node";

    [Fact]
    public async Task Node_grpc_js_client_announces_reports_denies_corrects_reads_and_watches()
    {
        var dir = Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "node");
        var grpcJs = Path.Combine(dir, "node_modules", "@grpc", "grpc-js", "package.json");
        // A missing install is a failure, never a skip: otherwise this test could pass having proved nothing.
        Assert.True(File.Exists(grpcJs), $"{grpcJs} is missing: run `npm ci` in {dir} before this test (scripts/test.sh does this).");
        var target = $"{registry.Address.Host}:{registry.Address.Port}";

        var principal = TestCredentials.AllRoles;
        var credential = new Dictionary<string, string> { ["REGISTRY_API_KEY"] = TestCredentials.KeyOf(principal).Key, ["REGISTRY_PRINCIPAL"] = principal };

        var result = await ThirdPartyClient.RunAsync(Node, [Path.Combine(dir, "registry_e2e.js"), "--target", target], dir, credential);

        ThirdPartyClient.AssertPassed("@grpc/grpc-js", "registry_e2e", target, result);
        Assert.Contains("\"watch\":\"ProductionStarted.v1\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"without_credential\":\"UNAUTHENTICATED\"", result.Output, StringComparison.Ordinal);
    }
}
