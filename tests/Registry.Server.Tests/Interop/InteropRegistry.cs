using Registry.Server.Auth;
using Registry.Testing;

namespace Registry.Server.Tests.Interop;

/// <summary>
/// One real registry per test class for the third-party clients. Only its address and the test credentials
/// are used (no project client), so these tests hold whatever gRPC stack the server runs on.
/// </summary>
public sealed class InteropRegistry : IAsyncLifetime
{
    private TestRegistry? _registry;

    public TestRegistry Registry => _registry ?? throw new InvalidOperationException("not started");

    /// <summary>host:port, as third-party clients take it.</summary>
    public string Target => $"{Registry.Address.Host}:{Registry.Address.Port}";

    /// <summary>
    /// What every registry_client case may need, passed by environment (never argv, where the process list
    /// shows it): a key with every role, a reader-only key, and a bearer token with every role.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Credentials { get; } = new Dictionary<string, string>
    {
        ["REGISTRY_API_KEY"] = TestCredentials.Default.Key,
        ["REGISTRY_READER_KEY"] = TestCredentials.ForRole(Roles.Reader).Key,
        ["REGISTRY_TOKEN"] = TestCredentials.Token("interop-client", Roles.All).Token,
    };

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
            await _registry.DisposeAsync();
    }

    /// <summary>Every case registry_client.py and registry_client.js implement; <c>--list</c> is checked against it.</summary>
    public static readonly string[] Cases =
    [
        "commands_and_queries_with_key", "commands_and_queries_with_token", "invalid_argument", "unauthenticated",
        "permission_denied", "deadline", "watch_cancelled", "watch_change", "reflection", "health_check", "health_watch",
        "non_ascii_error", "size_over_limit", "gzip",
    ];

    public static TheoryData<string> CaseData()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases)
            data.Add(name);
        return data;
    }

    public static string ScriptDir(string client) => Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", client);
}
