using Registry.Grpc.Tests.Echo;

using Registry.Testing;

namespace Registry.Grpc.Tests.Interop;

/// <summary>
/// npm's @grpc/grpc-js (a gRPC implementation this project did not write) calls our Echo server:
/// tests/interop/node/echo_client.js, one process per case. Needs <c>npm ci</c> in tests/interop/node first.
/// </summary>
public sealed class NodeClientInteropTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private static readonly string Node = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_NODE") ?? "node";

    private static readonly string ScriptDir = Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "node");

    private static readonly string Script = Path.Combine(ScriptDir, "echo_client.js");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Node_grpc_js_client_passes_case(string caseName)
    {
        RequireNodeModules();
        var result = await ThirdPartyClient.RunAsync(Node, [Script, "--target", server.Target, "--case", caseName], ScriptDir);
        ThirdPartyClient.AssertPassed("@grpc/grpc-js", caseName, server.Target, result);
    }

    [Fact]
    public Task Node_client_lists_exactly_the_expected_cases()
    {
        RequireNodeModules();
        return ThirdPartyClient.AssertListsExactlyAsync("@grpc/grpc-js", Node, [Script, "--list"], ScriptDir);
    }

    public static TheoryData<string> Cases() => ThirdPartyClient.CaseData();

    /// <summary>A missing install is a failure, never a skip: otherwise the interop suite could pass having proved nothing.</summary>
    private static void RequireNodeModules()
    {
        var grpcJs = Path.Combine(ScriptDir, "node_modules", "@grpc", "grpc-js", "package.json");
        Assert.True(File.Exists(grpcJs), $"{grpcJs} is missing: run `npm ci` in {ScriptDir} before these tests (the test command does this).");
    }
}
