namespace Registry.Projections;

/// <summary>
/// The pause a follower takes between two batches that are not full, which someone waiting for the follower's
/// next commit can cut short (<see cref="Hurry"/>): the pause saves work under load, but a caller waiting for a
/// commit should not sit it out.
/// </summary>
internal sealed class BatchPacing
{
    private TaskCompletionSource _hurried = NewSignal();

    /// <summary>Ends the pause under way now, or the next one as soon as it starts.</summary>
    public void Hurry() => Volatile.Read(ref _hurried).TrySetResult();

    /// <summary>Waits <paramref name="pause"/>, or less if hurried; a hurry is used up by the pause it ends.</summary>
    public async Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        var hurried = Volatile.Read(ref _hurried);
        if (!hurried.Task.IsCompleted)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var elapsed = Task.Delay(pause, ended.Token);
            await Task.WhenAny(elapsed, hurried.Task).ConfigureAwait(false);
            await ended.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (hurried.Task.IsCompleted)
            Interlocked.CompareExchange(ref _hurried, NewSignal(), hurried);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
