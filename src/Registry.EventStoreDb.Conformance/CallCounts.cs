using System.Collections.Concurrent;

namespace Registry.EventStoreDb.Conformance;

/// <summary>How many calls of each method the node admitted: tests prove which path a client took.</summary>
public sealed class CallCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <param name="method">The path, <c>/package.Service/Method</c>.</param>
    public int Count(string method) => _counts.GetValueOrDefault(method);

    internal void Add(string method) => _counts.AddOrUpdate(method, 1, static (_, n) => n + 1);
}
