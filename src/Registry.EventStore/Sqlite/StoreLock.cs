namespace Registry.EventStore.Sqlite;

/// <summary>
/// One registry process per log file. SQLite itself would let a second process write too, but the writer
/// keeps each stream's revision in memory, so a second writer would break the expected-revision guarantee.
/// An exclusive lock on a file beside the database (released by the OS if the process dies) prevents it.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    public static StoreLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            return new StoreLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new EventStoreUnavailableException(
                $"The event log '{databasePath}' is in use by another registry process (lock file '{lockPath}' is held).", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
