namespace Registry.EventStore;

/// <summary>Which events of $all a subscription delivers: by stream name prefix or by event type prefix.</summary>
public sealed record SubscriptionFilter
{
    private SubscriptionFilter(IReadOnlyList<string> streamPrefixes, IReadOnlyList<string> typePrefixes)
    {
        StreamPrefixes = streamPrefixes;
        EventTypePrefixes = typePrefixes;
    }

    public IReadOnlyList<string> StreamPrefixes { get; }
    public IReadOnlyList<string> EventTypePrefixes { get; }

    public static SubscriptionFilter OnStreamPrefix(params string[] prefixes) => new(Validate(prefixes), []);

    public static SubscriptionFilter OnEventTypePrefix(params string[] prefixes) => new([], Validate(prefixes));

    public bool Matches(string stream, string type) => StartsWithAny(stream, StreamPrefixes) && StartsWithAny(type, EventTypePrefixes);

    /// <summary>No prefixes let everything through. A loop, not LINQ: the shared reader asks this of every waiting reader for every event.</summary>
    private static bool StartsWithAny(string text, IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0)
            return true;
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (text.StartsWith(prefixes[i], StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static string[] Validate(string[] prefixes)
    {
        if (prefixes.Length == 0 || prefixes.Any(string.IsNullOrEmpty))
            throw new ArgumentException("A filter needs at least one non-empty prefix.", nameof(prefixes));
        return prefixes;
    }
}
