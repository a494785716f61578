using Registry.Testing;

namespace Registry.EventStoreDb.Tests;

/// <summary>
/// EventStoreDB's official Node clients from npm (@kurrent/kurrentdb-client, whose reads go through its
/// bundled Rust client, and @eventstore/db-client) run tests/interop/node/esdb_conformance.js against the
/// conformance node: they are the judge of the node. Needs `npm ci` in tests/interop/node (scripts/test.sh).
/// </summary>
public sealed class OfficialClientConformanceTests(TestNodeFixture fixture) : IClassFixture<TestNodeFixture>
{
    private static readonly string Node = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_NODE") ?? "node";
    private static readonly string Dir = Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "node");
    private static readonly string Script = Path.Combine(Dir, "esdb_conformance.js");

    public static readonly string[] Cases =
    [
        "append_single", "append_batch", "expected_revisions", "idempotent_retry", "wrong_expected_version",
        "read_stream", "read_all", "subscribe_to_stream", "subscribe_to_all_filter", "catch_up_then_live",
    ];

    /// <summary>The package each client is installed as, and the scheme its users write.</summary>
    private static readonly Dictionary<string, (string Package, string Scheme)> Clients = new()
    {
        ["kurrentdb"] = ("@kurrent/kurrentdb-client", "kurrentdb"),
        ["eventstore"] = ("@eventstore/db-client", "esdb"),
    };

    public static TheoryData<string, string> ClientsAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in Clients.Keys)
        {
            foreach (var name in Cases)
                data.Add(client, name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ClientsAndCases))]
    public async Task Official_client_passes(string client, string caseName)
    {
        var package = Path.Combine(Dir, "node_modules", Clients[client].Package, "package.json");
        // A missing install is a failure, never a skip: otherwise this test could pass having proved nothing.
        Assert.True(File.Exists(package), $"{package} is missing: run `npm ci` in {Dir} (scripts/test.sh does this).");
        var connection = $"{Clients[client].Scheme}://127.0.0.1:{fixture.Node.Port}?tls=false";

        var result = await ThirdPartyClient.RunAsync(Node, [Script, "--client", client, "--connection", connection, "--case", caseName], Dir);

        ThirdPartyClient.AssertPassed(client, caseName, connection, result);
        Assert.Contains($"\"case\":\"{caseName}\",\"ok\":true", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appending_cases_went_through_both_Append_and_BatchAppend()
    {
        var connection = $"esdb://127.0.0.1:{fixture.Node.Port}?tls=false";
        var calls = fixture.Node.Server.Calls;
        var appendsBefore = calls.Count("/event_store.client.streams.Streams/Append");
        var batchesBefore = calls.Count("/event_store.client.streams.Streams/BatchAppend");

        var result = await ThirdPartyClient.RunAsync(Node, [Script, "--client", "eventstore", "--connection", connection, "--case", "append_batch"], Dir);

        ThirdPartyClient.AssertPassed("eventstore", "append_batch", connection, result);
        Assert.True(calls.Count("/event_store.client.streams.Streams/Append") > appendsBefore, "no Append call reached the node");
        Assert.True(calls.Count("/event_store.client.streams.Streams/BatchAppend") > batchesBefore, "no BatchAppend call reached the node");
    }

    [Fact]
    public async Task The_script_lists_exactly_the_cases_tested()
    {
        var result = await ThirdPartyClient.RunAsync(Node, [Script, "--list"], Dir);

        Assert.Equal(0, result.ExitCode);
        var listed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("stdout: ", StringComparison.Ordinal)).Select(line => line["stdout: ".Length..]);
        Assert.Equal(Cases.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
