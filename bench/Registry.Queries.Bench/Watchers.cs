using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
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
    private readonly List<Task> _streams = [];
    private readonly IReadOnlyList<RegistryClient> _clients;
    private readonly Func<int, string> _programOf;
    private int _failed;
    private long _updateBytes;

    /// <summary>Watcher i watches <paramref name="programOf"/>(i) over connection i % clients.</summary>
    public Watchers(IReadOnlyList<RegistryClient> clients, Func<int, string> programOf)
    {
        _clients = clients;
        _programOf = programOf;
    }

    public int Count => _streams.Count;

    /// <summary>Size of the updates with an event id received so far (each carries its programme's whole state).</summary>
    public long UpdateBytes => Interlocked.Read(ref _updateBytes);

    /// <summary>
    /// Opens <paramref name="count"/> more watchers; completes when each received the snapshot of its programme
    /// (its first update, without event id), fails when one of them fails first.
    /// </summary>
    public Task OpenAsync(int count)
    {
        var pastSnapshot = new List<Task>(count);
        for (var n = 0; n < count; n++)
        {
            var i = _streams.Count;
            var snapshot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pastSnapshot.Add(snapshot.Task);
            _streams.Add(Task.Run(() => WatchAsync(_clients[i % _clients.Count], _programOf(i), snapshot)));
        }
        return Task.WhenAll(pastSnapshot);
    }

    /// <summary>Streams that failed or ended before they were stopped.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>How many watchers received the event so far and the timestamp (Stopwatch) of the last one.</summary>
    public (int Count, long Last) Delivered(string eventId) => _deliveries.TryGetValue(eventId, out var d) ? d.Read() : (0, 0);

    private async Task WatchAsync(RegistryClient client, string programId, TaskCompletionSource pastSnapshot)
    {
        try
        {
            using var call = client.Invoker.AsyncServerStreamingCall(WatchHeaders, null, new CallOptions(cancellationToken: _stop.Token),
                new WatchProgramsRequest { ProgramIds = { programId } });
            await foreach (var update in call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                var received = Stopwatch.GetTimestamp();
                if (update.Header.EventId.Length > 0)
                {
                    _deliveries.GetOrAdd(update.Header.EventId, _ => new Delivery()).Add(received);
                    Interlocked.Add(ref _updateBytes, update.Bytes);
                }
                else
                    pastSnapshot.TrySetResult();
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
            pastSnapshot.TrySetException(e);
        }
    }

    private static readonly MessageParser<UpdateHeader> HeaderParser = UpdateHeader.Parser.WithDiscardUnknownFields(true);

    /// <summary>registry.v1.ProgramQueries/WatchPrograms, each update read only as far as <see cref="UpdateHeader"/> goes.</summary>
    private static readonly Method<WatchProgramsRequest, ReceivedUpdate> WatchHeaders = new(
        MethodType.ServerStreaming, ProgramQueries.Descriptor.FullName, "WatchPrograms",
        Marshallers.Create(request => request.ToByteArray(), WatchProgramsRequest.Parser.ParseFrom),
        new Marshaller<ReceivedUpdate>(
            (_, _) => throw new NotSupportedException("updates are only received"),
            (DeserializationContext context) => new ReceivedUpdate(HeaderParser.ParseFrom(context.PayloadAsReadOnlySequence()), context.PayloadLength)));

    private sealed record ReceivedUpdate(UpdateHeader Header, int Bytes);

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
