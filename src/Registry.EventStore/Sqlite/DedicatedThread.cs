namespace Registry.EventStore.Sqlite;

/// <summary>
/// Runs a loop that blocks on the disk (a commit's sync, a checkpoint) on a thread of its own rather than on the
/// thread pool: on two cores the pool starts with two workers, and one held by a sync stalls the calls and
/// followers queued behind it until the pool decides to add a thread.
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="loop"/>; the task ends when it returns, or fails with what it threw.</summary>
    public static Task Start(string name, Action loop)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                ended.SetResult();
            }
            catch (Exception e)
            {
                ended.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return ended.Task;
    }
}
