using System.Collections.Concurrent;

namespace Registry.EventStore;

/// <summary>
/// A thread of its own for work that blocks on the disk: the log's commits and checkpoints, the read models'
/// writes (a commit may checkpoint and sync the file). On two cores the thread pool has two
/// workers, and one held by a sync stalls the calls and followers queued behind it until the pool adds a
/// thread. Work runs one piece at a time, in order; a loop given as one piece keeps the thread to itself.
/// </summary>
public sealed class DiskThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();

    public DiskThread(string name) =>
        new Thread(() =>
        {
            foreach (var work in _work.GetConsumingEnumerable())
                work();
        })
        {
            IsBackground = true,
            Name = name,
        }.Start();

    /// <summary>Runs <paramref name="action"/> on this thread; the task ends when it has, or fails with what it threw.</summary>
    public Task RunAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                action();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>The thread ends once the work already given is done.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
    }
}
