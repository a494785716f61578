using Registry.EventStore;

namespace Registry.Projections.Tests;

/// <summary>A test read model: per stream, how many events and the last type; fails on demand.</summary>
public sealed class StreamCounts(int version = 1, string? poisonType = null) : ISqliteProjection
{
    public const string View = "stream_counts_counts";

    public string Name => "stream_counts";
    public int Version => version;
    public SubscriptionFilter? Filter => null;
    public IReadOnlyList<string> Tables { get; } = ["counts"];

    private int _applied;

    public int Applied => _applied;

    public void CreateSchema(ProjectionContext context) =>
        context.Execute($"CREATE TABLE {context.Table("counts")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL, last_type TEXT NOT NULL, version INTEGER NOT NULL)");

    public void Apply(ProjectionContext context, RecordedEvent recorded)
    {
        if (recorded.Type == poisonType)
            throw new InvalidOperationException("poisoned event");
        Interlocked.Increment(ref _applied);
        context.Execute(
            $"INSERT INTO {context.Table("counts")} (stream, events, last_type, version) VALUES ($s, 1, $t, $v) " +
            "ON CONFLICT(stream) DO UPDATE SET events = events + 1, last_type = $t, version = $v",
            ("$s", recorded.Stream), ("$t", recorded.Type), ("$v", version));
    }
}
