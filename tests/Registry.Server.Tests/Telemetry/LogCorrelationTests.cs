using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using Registry.V1;

namespace Registry.Server.Tests.Telemetry;

/// <summary>A log record written during a call carries that call's trace and span ids (here: the audit of a refusal).</summary>
[Collection(TelemetryTests.Name)]
public sealed class LogCorrelationTests
{
    [Fact]
    public async Task The_refusal_audit_record_carries_the_calls_trace_and_span_ids()
    {
        var spans = new ExportedSpans();
        var records = new LockedCollection<LogRecord>();
        await using var registry = await TestRegistry.StartAsync(
            services: services =>
            {
                spans.AddTo(services);
                services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddInMemoryExporter(records));
            },
            settings: [.. ExportedSpans.Settings, "--Logging:LogLevel:Registry.Audit=Warning"]);

        var refused = await Assert.ThrowsAsync<RpcException>(() => registry.ClientFor(null).Queries.ListProgramsAsync(new ListProgramsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        Activity? call = null;
        await TestRegistry.UntilAsync(() => Task.FromResult(
            (call = spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("ListPrograms", StringComparison.Ordinal))) is not null));
        var audit = records.Snapshot().Single(r => r.CategoryName == "Registry.Audit" && r.TraceId == call!.TraceId);
        Assert.Equal(call!.SpanId, audit.SpanId);
        Assert.Contains("Call denied", audit.FormattedMessage, StringComparison.Ordinal);
    }
}
