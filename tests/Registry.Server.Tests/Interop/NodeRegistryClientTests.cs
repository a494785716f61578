using Registry.Testing;

namespace Registry.Server.Tests.Interop;

/// <summary>
/// npm's @grpc/grpc-js (a gRPC implementation this project did not write) against the registry's real
/// services: tests/interop/node/registry_client.js, one process per case. Needs <c>npm ci</c> in
/// tests/interop/node first (scripts/test.sh does it).
/// </summary>
public sealed class NodeRegistryClientTests(InteropRegistry registry) : IClassFixture<InteropRegistry>
{
    private static readonly string Node = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_NODE") ?? "node";

    private static readonly string ScriptDir = InteropRegistry.ScriptDir("node");

    private static readonly string Script = Path.Combine(ScriptDir, "registry_client.js");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Node_grpc_js_client_passes_case(string caseName)
    {
        RequireNodeModules();
        var result = await ThirdPartyClient.RunAsync(Node, [Script, "--target", registry.Target, "--case", caseName], ScriptDir, InteropRegistry.Credentials);
        ThirdPartyClient.AssertPassed("@grpc/grpc-js", caseName, registry.Target, result);
    }

    [Fact]
    public Task Node_client_lists_exactly_the_expected_cases()
    {
        RequireNodeModules();
        return ThirdPartyClient.AssertListsExactlyAsync("@grpc/grpc-js", Node, [Script, "--list"], ScriptDir, InteropRegistry.Cases);
    }

    public static TheoryData<string> Cases() => InteropRegistry.CaseData();

    /// <summary>A missing install is a failure, never a skip: otherwise the suite could pass having proved nothing.</summary>
    private static void RequireNodeModules()
    {
        var grpcJs = Path.Combine(ScriptDir, "node_modules", "@grpc", "grpc-js", "package.json");
        Assert.True(File.Exists(grpcJs), $"{grpcJs} is missing: run `npm ci` in {ScriptDir} before these tests (scripts/test.sh does this).");
    }
}
