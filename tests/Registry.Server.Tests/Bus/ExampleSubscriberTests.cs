using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Registry.Contracts;
using Registry.Testing;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// The example subscriber (examples/Registry.Subscriber.Example) as its own process on the broker: it applies
/// every newer state of a programme and ignores a re-delivered or older one.
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class ExampleSubscriberTests
{
    [Fact]
    public async Task The_example_keeps_the_newest_version_and_ignores_duplicates_and_older_versions()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 2);
        await using var example = await ExampleProcess.StartAsync(broker, $"{workload.Prefix}example");
        await using var registry = await TestRegistry.StartAsync(settings: broker.RegistrySettings());

        await workload.AnnounceAllAsync(registry.Client);
        for (var i = 0; i < 6; i++)
            await workload.ReportAsync(registry.Client);
        var newest = workload.ProgramIds.Select(id => $"applied {id} v3 ").ToList();
        await example.UntilAsync(lines => newest.All(n => lines.Any(l => l.StartsWith(n, StringComparison.Ordinal))));

        var first = workload.ProgramIds[0];
        var (duplicate, older) = (Guid.NewGuid(), Guid.NewGuid());
        await PublishAsync(broker, (duplicate, Copy(first, version: 3)), (older, Copy(first, version: 1)));

        string[] ignoredCopies = [$"ignored {first} v3: holding v3 message={duplicate}", $"ignored {first} v1: holding v3 message={older}"];
        List<string> Real(IReadOnlyList<string> lines, string id) =>
            lines.Where(l => l.Contains($" {id} v", StringComparison.Ordinal) && !ignoredCopies.Contains(l)).ToList();
        await example.UntilAsync(lines => ignoredCopies.All(lines.Contains) && workload.ProgramIds.All(id => Real(lines, id).Select(Version).Distinct().Count() == 4));
        foreach (var id in workload.ProgramIds)
        {
            // Messages may be consumed out of order (several at once): an older one that arrives late is ignored,
            // so the versions applied only ever rise, and every version is either applied or ignored.
            var real = Real(example.Lines, id);
            var applied = real.Where(l => l.StartsWith("applied", StringComparison.Ordinal)).Select(Version).ToList();
            Assert.Equal(applied.Order(), applied);
            Assert.Equal(applied.Distinct(), applied);
            Assert.Equal(3, applied[^1]);
            Assert.Equal([0L, 1, 2, 3], real.Select(Version).Distinct().Order());
        }
    }

    /// <summary>The version in "applied ID vN ..." or "ignored ID vN: ...".</summary>
    private static long Version(string line) => long.Parse(line.Split(' ')[2].TrimStart('v').TrimEnd(':'), System.Globalization.CultureInfo.InvariantCulture);

    private static ProgramStateChanged Copy(string programId, long version) =>
        new(programId, version, 1, 1, Guid.NewGuid(), "AttributeReported.v1", DateTimeOffset.UtcNow, new ProgramSnapshot("copy", "LightTank", "KZ", "Announced", [], []));

    /// <summary>Publishes with a bus of the test's own, as a stale copy would arrive from the broker.</summary>
    private static async Task PublishAsync(RabbitMqBroker broker, params (Guid MessageId, ProgramStateChanged Message)[] messages)
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(transport => transport.Host(broker.Address.Host, (ushort)broker.Port, "/", host =>
        {
            host.Username("guest");
            host.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            foreach (var (messageId, message) in messages)
                await bus.Publish(message, context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>The example's dll, from its own output folder of the same configuration, run with dotnet; its output kept line by line.</summary>
    internal sealed class ExampleProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private ExampleProcess(Process process) => _process = process;

        public IReadOnlyList<string> Lines => [.. _lines];

        public static async Task<ExampleProcess> StartAsync(RabbitMqBroker broker, string queue)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                ExampleDll(),
                $"--RabbitMq:Host={broker.Address.Host}", $"--RabbitMq:Port={broker.Port}", $"--Subscriber:Queue={queue}",
            })
                start.ArgumentList.Add(argument);
            var example = new ExampleProcess(Process.Start(start)!);
            example._process.OutputDataReceived += (_, e) => example.Keep(e.Data);
            example._process.ErrorDataReceived += (_, e) => example.Keep(e.Data);
            example._process.BeginOutputReadLine();
            example._process.BeginErrorReadLine();
            await example.UntilAsync(lines => lines.Contains($"listening on queue {queue}"));
            return example;
        }

        private static string ExampleDll()
        {
            // The tests run from tests/Registry.Server.Tests/bin/<configuration>/<framework>/.
            var framework = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = framework.Parent!;
            var dll = Path.Combine(ThirdPartyClient.RepoRoot, "examples", "Registry.Subscriber.Example", "bin", configuration.Name, framework.Name, "Registry.Subscriber.Example.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
            return dll;
        }

        public async Task UntilAsync(Func<IReadOnlyList<string>, bool> condition)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!condition(Lines))
            {
                Assert.False(_process.HasExited, $"the example exited:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
                try
                {
                    await Task.Delay(50, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"the example's output never showed what was expected:{Environment.NewLine}{string.Join(Environment.NewLine, Lines.TakeLast(40))}");
                }
            }
        }

        private void Keep(string? line)
        {
            if (line is not null)
                _lines.Enqueue(line);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
