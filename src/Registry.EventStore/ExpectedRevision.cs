using System.Globalization;

namespace Registry.EventStore;

/// <summary>What an append expects of its stream: anything, no stream yet, some stream, or an exact revision.</summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;
    private const long StreamExistsValue = -4;

    private ExpectedRevision(long value) => Value = value;

    /// <summary>The revision of the stream's last event (0-based), or one of the negative markers.</summary>
    internal long Value { get; }

    public static ExpectedRevision Any { get; } = new(AnyValue);
    public static ExpectedRevision NoStream { get; } = new(NoStreamValue);
    public static ExpectedRevision StreamExists { get; } = new(StreamExistsValue);

    public static ExpectedRevision Exact(long revision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        return new ExpectedRevision(revision);
    }

    public bool IsExact => Value >= 0;

    /// <summary>The exact revision expected; only when <see cref="IsExact"/>.</summary>
    public long ExactRevision => IsExact ? Value : throw new InvalidOperationException($"Expected revision '{this}' is not an exact revision.");

    /// <summary>Whether a stream whose last revision is <paramref name="current"/> (null: no stream) satisfies this.</summary>
    public bool IsSatisfiedBy(long? current) => Value switch
    {
        AnyValue => true,
        NoStreamValue => current is null,
        StreamExistsValue => current is not null,
        _ => current == Value,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        StreamExistsValue => "stream exists",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}
