using System.Collections.Concurrent;
using Grpc.Core;
using Registry.Client;
using Registry.Server.Tests.Programs;
using Registry.V1;

namespace Registry.Server.Tests.Cluster;

/// <summary>
/// Callers sending commands back to back, each to programmes of its own, as clients of the registry would: an
/// UNAVAILABLE answer is retried with the same command id (commands carry ids so that a retry is safe). Keeps
/// every acknowledged result and every status that was neither OK nor UNAVAILABLE.
/// </summary>
internal sealed class CommandLoad(RegistryClient client, int callers, int commandsPerProgramme = 20) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<CommandResult> _acknowledged = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly List<Task> _callers = [];
    private readonly ConcurrentQueue<string> _unavailableDetails = new();
    private int _unavailable;
    private readonly ConcurrentQueue<TimeSpan> _latencies = new();

    public IReadOnlyCollection<CommandResult> Acknowledged => _acknowledged;

    public int AcknowledgedCount => _acknowledged.Count;

    public int UnavailableCount => Volatile.Read(ref _unavailable);

    /// <summary>What the UNAVAILABLE answers said.</summary>
    public IReadOnlyCollection<string> UnavailableDetails => _unavailableDetails;

    /// <summary>Acknowledged commands that took at least <paramref name="wait"/>, from the first try: those that rode out an election.</summary>
    public int AcknowledgedAfterWaiting(TimeSpan wait) => _latencies.Count(l => l >= wait);

    /// <summary>Statuses callers must never see (UNKNOWN, INTERNAL, ...), with their details.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public void Start()
    {
        for (var caller = 0; caller < callers; caller++)
            _callers.Add(Task.Run(() => CallAsync(_stop.Token)));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
    }

    private async Task CallAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var programId = Requests.NewProgramId("kz-failover");
            if (!await SendAsync(Requests.Announce(programId), stop))
                return;
            for (var n = 1; n < commandsPerProgramme; n++)
            {
                if (!await SendAsync(Requests.Report(programId, Requests.Calibre($"calibre-{n}", n % 2 == 0 ? "120" : "105", "Defence Blog", "B2")), stop))
                    return;
            }
        }
    }

    /// <summary>Sends until acknowledged, retrying UNAVAILABLE; false when the load stopped first.</summary>
    private async Task<bool> SendAsync(IProgramCommandRequest request, CancellationToken stop)
    {
        var sent = System.Diagnostics.Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                _acknowledged.Enqueue(await RegistryFixture.SendAsync(client, request, Calls.WithTimeout(TimeSpan.FromSeconds(30))));
                _latencies.Enqueue(sent.Elapsed);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                Interlocked.Increment(ref _unavailable);
                _unavailableDetails.Enqueue(e.Status.Detail);
            }
            catch (RpcException e)
            {
                _unexpected.Enqueue($"{e.StatusCode}: {e.Status.Detail}");
                // The command's outcome is unknown: this caller moves on to a programme of its own.
                return true;
            }
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }
}
