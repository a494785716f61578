using Registry.Testing;

namespace Registry.Server.Tests.Interop;

/// <summary>
/// Debian's python3-grpcio (a gRPC implementation this project did not write) against the registry's real
/// services: tests/interop/python/registry_client.py, one process per case.
/// </summary>
public sealed class PythonRegistryClientTests(InteropRegistry registry) : IClassFixture<InteropRegistry>
{
    // Debian's interpreter: grpcio is a Debian package, invisible to other pythons (e.g. pyenv's) on PATH.
    private static readonly string Python = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_PYTHON") ?? "/usr/bin/python3";

    private static readonly string ScriptDir = InteropRegistry.ScriptDir("python");

    private static readonly string Script = Path.Combine(ScriptDir, "registry_client.py");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Python_grpcio_client_passes_case(string caseName)
    {
        var result = await ThirdPartyClient.RunAsync(Python, [Script, "--target", registry.Target, "--case", caseName], ScriptDir, InteropRegistry.Credentials);
        ThirdPartyClient.AssertPassed("python3-grpcio", caseName, registry.Target, result);
    }

    [Fact]
    public Task Python_client_lists_exactly_the_expected_cases() =>
        ThirdPartyClient.AssertListsExactlyAsync("python3-grpcio", Python, [Script, "--list"], ScriptDir, InteropRegistry.Cases);

    public static TheoryData<string> Cases() => InteropRegistry.CaseData();
}
