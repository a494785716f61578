namespace Registry.EventStore.Sqlite;

/// <summary>The head of the log, and a way to wait until it moves past a known position.</summary>
internal sealed class HeadWatch(long head)
{
    private readonly object _gate = new();
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Head { get; private set; } = head;

    /// <summary>Completes once the head is past <paramref name="position"/>; at once if it already is.</summary>
    public Task WaitPastAsync(long position, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Head > position ? Task.CompletedTask : _moved.Task.WaitAsync(cancellationToken);
    }

    public void Advance(long head)
    {
        TaskCompletionSource moved;
        lock (_gate)
        {
            if (head <= Head)
                return;
            Head = head;
            moved = _moved;
            _moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        moved.SetResult();
    }
}
