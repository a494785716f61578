namespace Registry.EventStore;

/// <summary>
/// A place in the global log ($all). EventStoreDB names it by commit and prepare positions; the embedded
/// store uses one sequence number for both. Ordered by commit, then prepare.
/// </summary>
public readonly record struct Position(ulong Commit, ulong Prepare) : IComparable<Position>
{
    /// <summary>Before the first event.</summary>
    public static Position Start { get; } = new(0, 0);

    /// <summary>After the last event.</summary>
    public static Position End { get; } = new(ulong.MaxValue, ulong.MaxValue);

    public static Position At(ulong sequence) => new(sequence, sequence);

    public int CompareTo(Position other)
    {
        var byCommit = Commit.CompareTo(other.Commit);
        return byCommit != 0 ? byCommit : Prepare.CompareTo(other.Prepare);
    }

    public static bool operator <(Position left, Position right) => left.CompareTo(right) < 0;
    public static bool operator >(Position left, Position right) => left.CompareTo(right) > 0;
    public static bool operator <=(Position left, Position right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Position left, Position right) => left.CompareTo(right) >= 0;

    public override string ToString() => Commit == Prepare ? $"{Commit}" : $"C:{Commit}/P:{Prepare}";
}
