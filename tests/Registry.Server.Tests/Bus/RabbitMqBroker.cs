using Registry.EventStore.Tests;
using Registry.Testing;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// A real RabbitMQ node. <see cref="Shared"/> is the one scripts/test.sh starts for the whole run (its address
/// in REGISTRY_TEST_RABBITMQ); <see cref="StartPrivateAsync"/> starts a node of the test's own, which the test
/// may stop and start again (same ports, same data). Both through scripts/rabbitmq.sh.
/// </summary>
internal sealed class RabbitMqBroker : IAsyncDisposable
{
    public const string AddressVariable = "REGISTRY_TEST_RABBITMQ";
    private static readonly Lazy<Task<RabbitMqBroker>> OwnShared = new(StartOwnSharedAsync);
    private readonly TempFolder? _folder;

    private RabbitMqBroker(Uri address, TempFolder? folder)
    {
        Address = address;
        _folder = folder;
    }

    /// <summary>amqp://guest:guest@127.0.0.1:PORT/</summary>
    public Uri Address { get; private set; }

    public int Port => Address.Port;

    /// <summary>
    /// The run's broker. In CI (CI=true) scripts/test.sh must have started it: a missing address fails the test.
    /// Elsewhere, without the variable, the first test to ask starts one for the rest of the run.
    /// </summary>
    public static Task<RabbitMqBroker> Shared()
    {
        var address = Environment.GetEnvironmentVariable(AddressVariable);
        if (!string.IsNullOrEmpty(address))
            return Task.FromResult(new RabbitMqBroker(new Uri(address), null));
        if (Environment.GetEnvironmentVariable("CI") == "true")
            throw new InvalidOperationException($"{AddressVariable} is not set: scripts/test.sh starts RabbitMQ and sets it; run the tests through it.");
        return OwnShared.Value;
    }

    public static async Task<RabbitMqBroker> StartPrivateAsync()
    {
        var folder = new TempFolder();
        var broker = new RabbitMqBroker(new Uri("amqp://unstarted/"), folder);
        await broker.StartAsync();
        return broker;
    }

    /// <summary>The registry's settings for this broker.</summary>
    public string[] RegistrySettings() =>
        ["--Bus:Transport=RabbitMq", $"--Bus:RabbitMq:Host={Address.Host}", $"--Bus:RabbitMq:Port={Address.Port}"];

    public async Task StartAsync() => Address = new Uri((await RunScriptAsync("start")).Trim());

    public Task StopAsync() => RunScriptAsync("stop");

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
            return;
        await StopAsync();
        _folder.Dispose();
    }

    private async Task<string> RunScriptAsync(string verb)
    {
        var script = Path.Combine(ThirdPartyClient.RepoRoot, "scripts", "rabbitmq.sh");
        var result = await ThirdPartyClient.RunAsync("bash", [script, verb, _folder!.Path], ThirdPartyClient.RepoRoot);
        Assert.True(result.ExitCode == 0, $"rabbitmq.sh {verb} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return string.Concat(result.Output.Split('\n')
            .Where(line => line.StartsWith("stdout: ", StringComparison.Ordinal))
            .Select(line => line["stdout: ".Length..]));
    }

    private static async Task<RabbitMqBroker> StartOwnSharedAsync()
    {
        var broker = await StartPrivateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return broker;
    }
}
