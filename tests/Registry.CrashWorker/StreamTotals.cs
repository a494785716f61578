using System.Text.Json;
using Registry.EventStore;
using Registry.Projections;

namespace Registry.CrashWorker;

/// <summary>The worker's read model: per stream, the number of events, the sum of their amounts and the last revision.</summary>
public sealed class StreamTotals : ISqliteProjection
{
    public const string View = "stream_totals_totals";

    public string Name => "stream_totals";
    public int Version => 1;
    public SubscriptionFilter? Filter => SubscriptionFilter.OnStreamPrefix("crash-");
    public IReadOnlyList<string> Tables { get; } = ["totals"];

    public void CreateSchema(ProjectionContext context) =>
        context.Execute($"CREATE TABLE {context.Table("totals")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL, amount INTEGER NOT NULL, last_revision INTEGER NOT NULL)");

    public void Apply(ProjectionContext context, RecordedEvent recorded)
    {
        var amount = JsonDocument.Parse(recorded.Data).RootElement.GetProperty("amount").GetInt64();
        context.Execute(
            $"INSERT INTO {context.Table("totals")} (stream, events, amount, last_revision) VALUES ($s, 1, $a, $r) " +
            "ON CONFLICT(stream) DO UPDATE SET events = events + 1, amount = amount + $a, last_revision = $r",
            ("$s", recorded.Stream), ("$a", amount), ("$r", recorded.Revision));
    }
}
