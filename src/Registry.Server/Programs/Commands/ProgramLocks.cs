namespace Registry.Server.Programs.Commands;

/// <summary>
/// Commands on one programme take turns within this process: the same command sent twice at once is then
/// seen as a repeat by the second, and writers without an expected version never race each other. Striped,
/// so memory stays bounded; two programmes sharing a stripe only wait for each other's short turn. Across
/// several registry processes the log's expected revisions still keep every append correct.
/// </summary>
internal sealed class ProgramLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string stream, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(stream) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Turn(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
            stripe.Dispose();
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                stripe.Release();
        }
    }
}
