using System.Diagnostics;

namespace Registry.Server.Tests.Telemetry;

/// <summary>The spans of one command's trace, found by the stream its append wrote to.</summary>
internal sealed record CommandTrace(Activity Call, Activity Append, IReadOnlyList<Activity> Spans)
{
    /// <summary>The trace whose gRPC server span is <paramref name="method"/> and whose append wrote to <paramref name="stream"/>; null until both ended.</summary>
    public static CommandTrace? Find(IReadOnlyList<Activity> spans, string method, string stream)
    {
        foreach (var append in spans.Where(s => s.Source.Name == "Registry" && s.OperationName == "append" && Equals(s.GetTagItem("registry.stream"), stream)))
        {
            var trace = spans.Where(s => s.TraceId == append.TraceId).ToList();
            if (trace.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains(method, StringComparison.Ordinal)) is { } call)
                return new CommandTrace(call, append, trace);
        }
        return null;
    }

    public Activity? Named(string operation) => Spans.FirstOrDefault(s => s.OperationName == operation);

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> within this trace.</summary>
    public bool Descends(Activity span, Activity ancestor)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
                return true;
            var next = Spans.FirstOrDefault(s => s.SpanId == parent);
            if (next is null)
                return false;
            parent = next.ParentSpanId;
        }
        return false;
    }
}
