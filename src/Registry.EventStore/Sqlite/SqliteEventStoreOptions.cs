namespace Registry.EventStore.Sqlite;

public sealed record SqliteEventStoreOptions
{
    /// <summary>The database file. Its folder is created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>Most appends committed together in one transaction (one sync).</summary>
    public int MaxAppendsPerCommit { get; init; } = 512;

    /// <summary>Rows fetched per query when reading or catching up.</summary>
    public int ReadPageSize { get; init; } = 2048;

    /// <summary>Check every page of the file at start (PRAGMA quick_check): slower starts on big logs, no silent damage.</summary>
    public bool VerifyOnOpen { get; init; } = true;

    /// <summary>How many of the newest events followers take from memory (<see cref="CommittedTail"/>).</summary>
    internal int CommittedTailCapacity { get; init; } = CommittedTail.DefaultCapacity;
}
