using System.Collections.Concurrent;
using Registry.Client;
using Registry.EventStore.Tests;
using Grpc.Core;
using Registry.Samples;
using Registry.V1;
using Xunit.Abstractions;

namespace Registry.Server.Tests.Crash;

/// <summary>
/// The real server in its own process takes concurrent commands through gRPC and is killed with SIGKILL.
/// Restarted on the same data directory, it must hold every command it acknowledged, answer a resent one as
/// a repeat without appending, and its live programmes projection must equal one rebuilt from position 0.
/// </summary>
public sealed class ServerCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Programmes = 50;
    private const int Callers = 32;
    private const int AcknowledgedBeforeKill = 2000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder = new();

    private sealed record Acknowledged(SentCommand Request, CommandResult Result);

    /// <summary>A command as sent, so that it can be sent again.</summary>
    private sealed record SentCommand(string CommandId, AnnounceProgramRequest? Announce, ReportClaimRequest? Report)
    {
        public AsyncUnaryCall<CommandResult> Send(RegistryClient client) =>
            Announce is not null ? client.Commands.AnnounceProgramAsync(Announce) : client.Commands.ReportClaimAsync(Report!);
    }

    [Fact]
    public async Task Acknowledged_commands_survive_SIGKILL_are_idempotent_after_restart_and_the_projection_equals_a_rebuild()
    {
        var programIds = Enumerable.Range(0, Programmes).Select(i => $"crash-programme-{i:D3}").ToArray();

        // 1. Load, then SIGKILL with calls in flight.
        List<Acknowledged> acknowledged;
        await using (var server = await ServerProcess.StartAsync(_folder.Path, "--Seeding:Enabled=false"))
            acknowledged = await LoadUntilKilledAsync(server, programIds);
        output.WriteLine($"{acknowledged.Count} commands acknowledged before and during the kill");
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);

        // 2. Restart on the same data directory.
        await using var restarted = await ServerProcess.StartAsync(_folder.Path, "--Seeding:Enabled=false");
        var client = restarted.Client;

        // 3. Every acknowledged command's events are in the log at the acknowledged versions and position.
        var histories = await HistoriesAsync(client, programIds);
        foreach (var (programId, history) in histories)
            Assert.Equal(Enumerable.Range(0, history.Count).Select(r => (long)r), history.Select(e => e.Revision));
        foreach (var ack in acknowledged)
        {
            var history = histories[ack.Result.ProgramId];
            var first = ack.Result.Version - ack.Result.EventIds.Count + 1;
            Assert.True(ack.Result.Version < history.Count,
                $"command {ack.Request.CommandId} was acknowledged at version {ack.Result.Version} of {ack.Result.ProgramId}, which has only {history.Count} events after the restart");
            for (var i = 0; i < ack.Result.EventIds.Count; i++)
            {
                var entry = history[(int)(first + i)];
                Assert.Equal((ack.Result.EventIds[i], ack.Request.CommandId), (entry.EventId, entry.CommandId));
            }
            Assert.Equal(ack.Result.Position, history[(int)ack.Result.Version].Position);
        }

        // 4. Re-sending an acknowledged command is answered as a repeat of the first result and appends nothing.
        var headBefore = (await client.Admin.GetStatusAsync(new GetStatusRequest())).Head;
        var repeats = await ForEachAsync(acknowledged, async ack => (ack, await ack.Request.Send(client)));
        foreach (var (ack, repeat) in repeats)
        {
            Assert.True(repeat.Repeated, $"re-sent command {ack.Request.CommandId} was not answered as a repeat");
            var expected = ack.Result.Clone();
            expected.Repeated = true;
            Assert.Equal(expected, repeat);
        }
        Assert.Equal(headBefore, (await client.Admin.GetStatusAsync(new GetStatusRequest())).Head);
        var historiesAfter = await HistoriesAsync(client, programIds);
        Assert.Equal(histories.ToDictionary(h => h.Key, h => h.Value.Count), historiesAfter.ToDictionary(h => h.Key, h => h.Value.Count));

        // 5. The projection resumed from its checkpoint reaches the head and equals one rebuilt from zero.
        var live = await UntilLiveAtHeadAsync(client);
        var resumed = await StatesAsync(client, programIds);
        foreach (var programId in programIds)
        {
            var last = histories[programId][^1];
            Assert.Equal((last.Revision, last.Position), (resumed[programId].Version, resumed[programId].Position));
        }
        var rebuild = await client.Admin.RebuildProjectionAsync(new RebuildProjectionRequest { Name = "programs" }, Calls.WithTimeout(Patience));
        Assert.True(rebuild.Status.Generation > live.Generation, $"the rebuild reports generation {rebuild.Status.Generation}, the live one was {live.Generation}");
        await UntilLiveAtHeadAsync(client);
        var rebuilt = await StatesAsync(client, programIds);
        foreach (var programId in programIds)
            Assert.Equal(resumed[programId], rebuilt[programId]);

        await restarted.StopAsync();
    }

    private async Task<List<Acknowledged>> LoadUntilKilledAsync(ServerProcess server, string[] programIds)
    {
        var acknowledged = new ConcurrentQueue<Acknowledged>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = 0;
        var aborted = 0;

        async Task SendAsync(SentCommand request)
        {
            try
            {
                acknowledged.Enqueue(new Acknowledged(request, await request.Send(server.Client)));
                if (acknowledged.Count >= AcknowledgedBeforeKill)
                    enough.TrySetResult();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted && Volatile.Read(ref killed) == 0)
            {
                // Without an expected version the server decides again on a concurrent write, a few times;
                // past that it answers ABORTED. Not an acknowledgement, not a failure of durability.
                Interlocked.Increment(ref aborted);
            }
            catch (Exception) when (Volatile.Read(ref killed) == 1)
            {
                // In flight when the server was killed: neither acknowledged nor checked.
            }
        }

        await ForEachAsync(programIds, id => SendAsync(new SentCommand($"announce-{id}", SampleRequests.Announce(id), null)));

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var n = 0; Volatile.Read(ref killed) == 0; n++)
            {
                var commandId = $"report-{caller}-{n}-{Guid.NewGuid():N}";
                var programId = programIds[(caller * 31 + n * 7) % programIds.Length];
                await SendAsync(new SentCommand(commandId, null, SampleRequests.Attribute(programId, $"claim-{caller}-{n}", commandId, n)));
            }
        })).ToArray();

        var first = await Task.WhenAny(enough.Task, Task.WhenAll(callers), Task.Delay(Patience));
        Volatile.Write(ref killed, 1);
        await server.KillAsync();
        await first; // a caller's unexpected error surfaces here
        Assert.True(enough.Task.IsCompleted, $"only {acknowledged.Count} acknowledgements before giving up; server output:{Environment.NewLine}{server.Output}");
        await Task.WhenAll(callers);
        output.WriteLine($"{aborted} commands answered ABORTED (concurrent writers) before the kill");
        return [.. acknowledged];
    }

    private static async Task<Dictionary<string, List<HistoryEntry>>> HistoriesAsync(RegistryClient client, string[] programIds) =>
        (await ForEachAsync(programIds, async id =>
        {
            var entries = new List<HistoryEntry>();
            using var call = client.Queries.GetProgramHistory(new GetProgramHistoryRequest { ProgramId = id });
            await foreach (var entry in call.ReadAllAsync())
                entries.Add(entry);
            return (id, entries);
        })).ToDictionary(h => h.id, h => h.entries);

    private static async Task<Dictionary<string, Registry.V1.Program>> StatesAsync(RegistryClient client, string[] programIds) =>
        (await ForEachAsync(programIds, async id => (id, program: await client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = id }))))
        .ToDictionary(p => p.id, p => p.program);

    /// <summary>Polls Admin.GetStatus until the programs projection is live with no lag at the head of the log.</summary>
    private static async Task<FollowerStatus> UntilLiveAtHeadAsync(RegistryClient client)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var status = await client.Admin.GetStatusAsync(new GetStatusRequest(), new CallOptions(cancellationToken: timeout.Token));
            var programs = status.Followers.Single(f => f.Name == "programs" && f.Kind == FollowerStatus.Types.Kind.Projection);
            Assert.True(programs.State != FollowerStatus.Types.State.Faulted, $"The programs projection faulted: {programs.Error}");
            if (programs.State == FollowerStatus.Types.State.Live && programs.Lag == 0 && programs.Checkpoint.Equals(status.Head))
                return programs;
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<List<T>> ForEachAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T>> action)
    {
        var results = new ConcurrentQueue<T>();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (item, _) => results.Enqueue(await action(item)));
        return [.. results];
    }

    private static Task ForEachAsync<TItem>(IEnumerable<TItem> items, Func<TItem, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (item, _) => await action(item));

    public void Dispose() => _folder.Dispose();
}
