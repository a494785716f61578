using System.Diagnostics;
using MassTransit;
using Registry.Contracts;
using Registry.Samples;

namespace Registry.Server.Tests.Telemetry;

/// <summary>
/// One command's trace, as the in-memory exporter receives it: the gRPC call, validation, decision and append
/// under it, each published message continuing the append (MassTransit's own send inside), and the follower
/// batches that handled the event linked to the append.
/// </summary>
[Collection(TelemetryTests.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task A_report_claim_is_one_trace_from_the_call_through_the_append_to_the_publish()
    {
        var spans = new ExportedSpans();
        // A consumer in the process: on the in-memory bus, only what somebody can receive is published.
        await using var registry = await TestRegistry.StartAsync(services: spans.AddTo, consumers: bus => bus.AddHandler<ProgramStateChanged>(),
            settings: ExportedSpans.Settings);
        var id = $"kz-trace-{Guid.NewGuid():N}";
        await registry.Client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id));
        var reported = await registry.Client.Commands.ReportClaimAsync(SampleRequests.Attribute(id, "claim-1", $"{id}-report", 1));

        CommandTrace? trace = null;
        Activity? published = null, publishBatch = null, projectionBatch = null;
        await TestRegistry.UntilAsync(() =>
        {
            var all = spans.Snapshot();
            trace = CommandTrace.Find(all, "ReportClaim", $"program-{id}");
            published = trace?.Named("publish ProgramStateChanged");
            publishBatch = trace is null ? null : LinkingTo(all, "publish program-state", trace.Append);
            projectionBatch = trace is null ? null : LinkingTo(all, "project programs", trace.Append);
            return Task.FromResult(published is not null && publishBatch is not null && projectionBatch is not null
                && trace!.Spans.Any(s => s.Source.Name == "MassTransit" && trace.Descends(s, published)));
        });

        Assert.True(trace!.Descends(trace.Named("validate")!, trace.Call));
        Assert.True(trace.Descends(trace.Named("decide")!, trace.Call));
        Assert.True(trace.Descends(trace.Append, trace.Call));
        Assert.Equal("0", trace.Append.GetTagItem("registry.expected_revision"));
        Assert.Equal(reported.Version, trace.Append.GetTagItem("registry.revision"));
        Assert.Equal(trace.Append.SpanId, published!.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, published.Kind);
        Assert.Contains(published.Links, link => link.Context.SpanId == publishBatch!.SpanId);
        Assert.NotEqual(trace.Call.TraceId, publishBatch!.TraceId);
        Assert.NotEqual(trace.Call.TraceId, projectionBatch!.TraceId);
    }

    private static Activity? LinkingTo(IReadOnlyList<Activity> spans, string operation, Activity target) =>
        spans.FirstOrDefault(s => s.OperationName == operation && s.Links.Any(link => link.Context.SpanId == target.SpanId && link.Context.TraceId == target.TraceId));
}
