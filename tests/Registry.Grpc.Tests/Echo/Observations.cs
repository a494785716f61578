using System.Collections.Concurrent;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Echo;

/// <summary>What the Echo handlers saw of each tagged call, for tests that prove cancellation reached them.</summary>
public sealed class Observations
{
    private readonly ConcurrentDictionary<string, Entry> _calls = new();

    public void Started(string tag)
    {
        if (tag.Length > 0)
            _calls.GetOrAdd(tag, _ => new Entry()).Seen = true;
    }

    public void Finished(string tag, bool cancelled)
    {
        if (tag.Length > 0 && _calls.TryGetValue(tag, out var entry))
        {
            entry.Cancelled = cancelled;
            entry.Done.TrySetResult();
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for the tagged call to finish, even if it has not started yet.</summary>
    public async Task<Observation> ObserveAsync(string tag, TimeSpan wait)
    {
        var entry = _calls.GetOrAdd(tag, _ => new Entry());
        await Task.WhenAny(entry.Done.Task, Task.Delay(wait));
        return new Observation { Seen = entry.Seen, Finished = entry.Done.Task.IsCompleted, Cancelled = entry.Cancelled };
    }

    private sealed class Entry
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Seen;
        public volatile bool Cancelled;
    }
}
