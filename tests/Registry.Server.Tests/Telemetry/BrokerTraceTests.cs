using System.Diagnostics;
using Registry.Samples;
using Registry.Server.Tests.Bus;

namespace Registry.Server.Tests.Telemetry;

/// <summary>
/// The trace crosses RabbitMQ: the example subscriber, a process of its own, consumes the state a ReportClaim
/// produced inside the registry's trace, continuing the very send span the registry exported.
/// </summary>
[Collection(TelemetryTests.Name)]
public sealed class BrokerTraceTests
{
    [Fact]
    public async Task The_example_subscribers_consume_continues_the_commands_trace()
    {
        var broker = await RabbitMqBroker.Shared();
        var spans = new ExportedSpans();
        var queue = $"trace-{Guid.NewGuid():N}"[..20];
        await using var example = await ExampleSubscriberTests.ExampleProcess.StartAsync(broker, queue);
        await using var registry = await TestRegistry.StartAsync(services: spans.AddTo, settings: [.. broker.RegistrySettings(), .. ExportedSpans.Settings]);
        var id = $"kz-trace-{Guid.NewGuid():N}";
        await registry.Client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id));
        await registry.Client.Commands.ReportClaimAsync(SampleRequests.Attribute(id, "claim-1", $"{id}-report", 1));

        var applied = $"applied {id} v1 ";
        await example.UntilAsync(lines => lines.Any(l => l.StartsWith(applied, StringComparison.Ordinal)));
        var line = example.Lines.First(l => l.StartsWith(applied, StringComparison.Ordinal));
        var consumedTrace = ActivityTraceId.CreateFromString(Field(line, "trace"));
        var consumedParent = ActivitySpanId.CreateFromString(Field(line, "parent"));

        CommandTrace? trace = null;
        await TestRegistry.UntilAsync(() => Task.FromResult(
            (trace = CommandTrace.Find(spans.Snapshot(), "ReportClaim", $"program-{id}")) is { } found && found.Spans.Any(s => s.SpanId == consumedParent)));
        Assert.Equal(trace!.Call.TraceId, consumedTrace);
        var sent = trace.Spans.Single(s => s.SpanId == consumedParent);
        Assert.Equal("MassTransit", sent.Source.Name);
        Assert.True(trace.Descends(sent, trace.Named("publish ProgramStateChanged")!));
        Assert.True(trace.Descends(sent, trace.Append));
    }

    /// <summary>The value of "name=value" in the example's line.</summary>
    private static string Field(string line, string name) =>
        line.Split(' ').Single(part => part.StartsWith($"{name}=", StringComparison.Ordinal))[(name.Length + 1)..];
}
