using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Registry.Client;
using Registry.V1;

namespace Registry.Queries.Bench;

/// <summary>
/// Many WatchPrograms streams, each on one programme, spread over the given connections: records for every
/// event id (ProgramUpdate.event_id) how many watchers received it and when the last one did.
/// </summary>
internal sealed class Watchers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Delivery> _deliveries = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _allPastSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] _streams;
    private readonly int _count;
    private int _pastSnapshot;
    private int _failed;

    /// <summary>Watcher i watches <paramref name="programOf"/>(i) over connection i % clients.</summary>
    public Watchers(IReadOnlyList<RegistryClient> clients, int count, Func<int, string> programOf)
    {
        _count = count;
        _streams = [.. Enumerable.Range(0, count).Select(i => Task.Run(() => WatchAsync(clients[i % clients.Count], programOf(i))))];
    }

    /// <summary>Completes when every watcher received the snapshot of its programme (the first update, without event id).</summary>
    public Task AllPastSnapshot => _allPastSnapshot.Task;

    /// <summary>Streams that failed or ended before they were stopped.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>How many watchers received the event so far and the timestamp (Stopwatch) of the last one.</summary>
    public (int Count, long Last) Delivered(string eventId) => _deliveries.TryGetValue(eventId, out var d) ? d.Read() : (0, 0);

    private async Task WatchAsync(RegistryClient client, string programId)
    {
        try
        {
            using var call = client.Queries.WatchPrograms(new WatchProgramsRequest { ProgramIds = { programId } }, cancellationToken: _stop.Token);
            var pastSnapshot = false;
            await foreach (var update in call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                var received = Stopwatch.GetTimestamp();
                if (update.EventId.Length > 0)
                    _deliveries.GetOrAdd(update.EventId, _ => new Delivery()).Add(received);
                else if (!pastSnapshot)
                {
                    pastSnapshot = true;
                    if (Interlocked.Increment(ref _pastSnapshot) == _count)
                        _allPastSnapshot.TrySetResult();
                }
            }
            throw new InvalidOperationException($"the watch of {programId} ended");
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            if (Interlocked.Increment(ref _failed) == 1)
                await Console.Error.WriteLineAsync($"first watcher error: {e.Message}");
            _allPastSnapshot.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_streams);
        _stop.Dispose();
    }

    private sealed class Delivery
    {
        private readonly Lock _gate = new();
        private int _count;
        private long _last;

        public void Add(long received)
        {
            lock (_gate)
            {
                _count++;
                _last = Math.Max(_last, received);
            }
        }

        public (int Count, long Last) Read()
        {
            lock (_gate)
                return (_count, _last);
        }
    }
}
