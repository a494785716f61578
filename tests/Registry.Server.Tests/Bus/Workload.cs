using Grpc.Core;
using Registry.Samples;
using System.Collections.Concurrent;
using Registry.Client;
using Registry.Server.Tests.Crash;
using Registry.V1;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// Commands through gRPC on a few programmes of one test (their ids share a prefix, so that a subscriber on
/// a shared broker can tell them from other tests'), and what the registry's log says became of them.
/// </summary>
internal sealed class Workload(string prefix, int programmes)
{
    private int _next;

    public string Prefix { get; } = prefix;

    public IReadOnlyList<string> ProgramIds { get; } = Enumerable.Range(0, programmes).Select(i => $"{prefix}{i:D2}").ToArray();

    public static Workload Create(int programmes) => new($"bus-{Guid.NewGuid():N}-"[..16], programmes);

    public Task AnnounceAllAsync(RegistryClient client) =>
        Task.WhenAll(ProgramIds.Select(id => client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id)).ResponseAsync));

    /// <summary>One attribute claim on the next programme in turn.</summary>
    public async Task<CommandResult> ReportAsync(RegistryClient client)
    {
        var n = Interlocked.Increment(ref _next);
        var commandId = $"{Prefix}report-{n}";
        return await client.Commands.ReportClaimAsync(SampleRequests.Attribute(ProgramIds[n % ProgramIds.Count], $"claim-{n}", commandId, n));
    }

    /// <summary>
    /// Reports with <paramref name="callers"/> concurrent callers, each pausing <paramref name="pause"/> between
    /// commands, until <paramref name="stop"/> is cancelled; returns how many were acknowledged. The pause keeps
    /// the load bounded however fast the machine is: every state message carries all of a programme's claims.
    /// </summary>
    public async Task<int> ReportUntilAsync(RegistryClient client, int callers, TimeSpan pause, CancellationToken stop)
    {
        var acknowledged = 0;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await ReportAsync(client);
                    Interlocked.Increment(ref acknowledged);
                    await Task.Delay(pause, CancellationToken.None);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
                {
                    // Concurrent writers on one programme past the retry budget: not acknowledged, not appended.
                }
            }
        }));
        return acknowledged;
    }

    /// <summary>Every event of these programmes, as the log holds them.</summary>
    public async Task<IReadOnlyList<(string ProgramId, HistoryEntry Entry)>> HistoryAsync(RegistryClient client)
    {
        var events = new ConcurrentQueue<(string, HistoryEntry)>();
        await Parallel.ForEachAsync(ProgramIds, async (id, cancellationToken) =>
        {
            using var call = client.Queries.GetProgramHistory(new GetProgramHistoryRequest { ProgramId = id }, cancellationToken: cancellationToken);
            await foreach (var entry in call.ReadAllAsync(cancellationToken))
                events.Enqueue((id, entry));
        });
        return [.. events];
    }

    /// <summary>
    /// Waits until every publisher's checkpoint has reached the head of the log as it was when called (a
    /// standby's checkpoint is the one its holder confirmed; lease renewals may move the head on meanwhile).
    /// </summary>
    public static async Task UntilPublishedAsync(RegistryClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var head = (await client.Admin.GetStatusAsync(new GetStatusRequest(), new CallOptions(cancellationToken: timeout.Token))).Head;
        GetStatusResponse? status = null;
        try
        {
            while (true)
            {
                status = await client.Admin.GetStatusAsync(new GetStatusRequest(), new CallOptions(cancellationToken: timeout.Token));
                var publishers = status.Followers.Where(f => f.Kind == FollowerStatus.Types.Kind.Publisher).ToList();
                if (publishers.Count > 0 && publishers.All(p => AtOrPast(p.Checkpoint, head)))
                    return;
                await Task.Delay(50, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"the publishers did not reach position {head} within 90 s; last status: {status}");
        }
    }

    private static bool AtOrPast(LogPosition checkpoint, LogPosition head) =>
        checkpoint.Commit > head.Commit || (checkpoint.Commit == head.Commit && checkpoint.Prepare >= head.Prepare);
}
