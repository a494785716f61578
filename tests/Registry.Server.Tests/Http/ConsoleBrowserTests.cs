using Registry.Server.Auth;
using Registry.Testing;

namespace Registry.Server.Tests.Http;

/// <summary>
/// The console in real headless Chromium (Debian's chromium, driven by npm's playwright-core):
/// tests/interop/node/console_e2e.js against a seeded registry. Screenshots of the list, the programme page,
/// its correction, the as-of view and the timeline land in artifacts/console/.
/// </summary>
public sealed class ConsoleBrowserTests(SeededRegistryFixture seeded) : IClassFixture<SeededRegistryFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Node = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_NODE") ?? "node";

    [Fact]
    public async Task Operator_and_reader_use_the_console_in_chromium()
    {
        var dir = Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "node");
        var playwright = Path.Combine(dir, "node_modules", "playwright-core", "package.json");
        // Missing pieces are failures, never skips: otherwise this test could pass having proved nothing.
        Assert.True(File.Exists(playwright), $"{playwright} is missing: run `npm ci` in {dir} (scripts/test.sh does this).");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (scripts/test.sh does this).");
        var artifacts = Path.Combine(ThirdPartyClient.RepoRoot, "artifacts", "console");
        foreach (var old in Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "*.png") : [])
            File.Delete(old);
        var environment = new Dictionary<string, string>
        {
            ["REGISTRY_OPERATOR_KEY"] = TestCredentials.Default.Key,
            ["REGISTRY_OPERATOR_NAME"] = TestCredentials.AllRoles,
            ["REGISTRY_READER_KEY"] = TestCredentials.ForRole(Roles.Reader).Key,
        };
        var url = seeded.HttpAddress.ToString().TrimEnd('/');

        var result = await ThirdPartyClient.RunAsync(Node, [Path.Combine(dir, "console_e2e.js"), "--url", url, "--artifacts", artifacts], dir, environment);

        ThirdPartyClient.AssertPassed("chromium (playwright-core)", "console_e2e", url, result);
        foreach (var step in new[] { "list", "valid_time_filter", "program", "timeline", "deprecated", "as_of", "reader", "late_page", "denied", "passed" })
            Assert.Contains($"{{\"step\":\"{step}\"", result.Output, StringComparison.Ordinal);
        foreach (var screenshot in new[] { "console-list.png", "console-program.png", "console-timeline.png", "console-program-corrected.png", "console-as-of.png" })
            Assert.True(new FileInfo(Path.Combine(artifacts, screenshot)).Length > 0, $"{screenshot} was not written");
    }
}
