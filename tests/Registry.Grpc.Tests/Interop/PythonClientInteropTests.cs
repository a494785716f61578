using Registry.Grpc.Tests.Echo;

using Registry.Testing;

namespace Registry.Grpc.Tests.Interop;

/// <summary>
/// Debian's python3-grpcio (a gRPC implementation this project did not write) calls our Echo server:
/// tests/interop/python/echo_client.py, one process per case.
/// </summary>
public sealed class PythonClientInteropTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    // Debian's interpreter: grpcio is a Debian package, invisible to other pythons (e.g. pyenv's) on PATH.
    private static readonly string Python = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_PYTHON") ?? "/usr/bin/python3";

    private static readonly string ScriptDir = Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "python");

    private static readonly string Script = Path.Combine(ScriptDir, "echo_client.py");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Python_grpcio_client_passes_case(string caseName)
    {
        var result = await ThirdPartyClient.RunAsync(Python, [Script, "--target", server.Target, "--case", caseName], ScriptDir);
        ThirdPartyClient.AssertPassed("python3-grpcio", caseName, server.Target, result);
    }

    [Fact]
    public Task Python_client_lists_exactly_the_expected_cases() =>
        ThirdPartyClient.AssertListsExactlyAsync("python3-grpcio", Python, [Script, "--list"], ScriptDir);

    public static TheoryData<string> Cases() => ThirdPartyClient.CaseData();
}
