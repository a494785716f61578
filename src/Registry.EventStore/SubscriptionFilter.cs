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

    public bool Matches(string stream, string type) =>
        (StreamPrefixes.Count == 0 || StreamPrefixes.Any(p => stream.StartsWith(p, StringComparison.Ordinal))) &&
        (EventTypePrefixes.Count == 0 || EventTypePrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal)));

    private static string[] Validate(string[] prefixes)
    {
        if (prefixes.Length == 0 || prefixes.Any(string.IsNullOrEmpty))
            throw new ArgumentException("A filter needs at least one non-empty prefix.", nameof(prefixes));
        return prefixes;
    }
}
