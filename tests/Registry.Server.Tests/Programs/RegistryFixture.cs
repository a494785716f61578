using Registry.EventStore;
using Registry.Client;
using Grpc.Core;
using Registry.V1;

namespace Registry.Server.Tests.Programs;

/// <summary>One real registry host per test class, and the calls the tests make on it.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    /// <summary>The principal the fixture's channel authenticates as (it holds every role): the actor of its commands.</summary>
    public const string Operator = TestCredentials.AllRoles;

    private TestRegistry? _registry;

    public TestRegistry Registry => _registry ?? throw new InvalidOperationException("not started");

    public RegistryClient Client => Registry.Client;

    public Uri Address => Registry.Address;

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
            await _registry.DisposeAsync();
    }

    /// <summary>Commands go through the channel's credential (<see cref="Operator"/>), so corrections name their operator.</summary>
    public static CallOptions AsOperator(TimeSpan? timeout = null) => Calls.WithTimeout(timeout ?? TimeSpan.FromSeconds(30));

    public Task<CommandResult> SendAsync(IProgramCommandRequest request) => SendAsync(Client, request, AsOperator());

    /// <summary>A command through <paramref name="client"/>, whichever kind it is.</summary>
    public static Task<CommandResult> SendAsync(RegistryClient client, IProgramCommandRequest request, CallOptions options)
    {
        var commands = client.Commands;
        return (request switch
        {
            AnnounceProgramRequest announce => commands.AnnounceProgramAsync(announce, options),
            ReportClaimRequest report => commands.ReportClaimAsync(report, options),
            StartProductionRequest start => commands.StartProductionAsync(start, options),
            DenyReportRequest deny => commands.DenyReportAsync(deny, options),
            RankClaimRequest rank => commands.RankClaimAsync(rank, options),
            RetractClaimRequest retract => commands.RetractClaimAsync(retract, options),
            SupersedeClaimRequest supersede => commands.SupersedeClaimAsync(supersede, options),
            _ => throw new ArgumentException($"not a command: {request.GetType().Name}", nameof(request)),
        }).ResponseAsync;
    }

    /// <summary>The call's failure; fails the test when the call succeeds.</summary>
    public static async Task<RpcException> FailsAsync<TResponse>(Task<TResponse> call)
    {
        try
        {
            var response = await call;
            Assert.Fail($"expected the call to fail, it answered {response}");
            throw new InvalidOperationException("unreachable");
        }
        catch (RpcException e)
        {
            return e;
        }
    }

    public Task<Registry.V1.Program> GetAsync(string programId) =>
        Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = programId }, Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;

    /// <summary>
    /// The read model follows the log asynchronously: wait until GetProgram reflects at least the given version.
    /// </summary>
    public async Task<Registry.V1.Program> GetAtLeastAsync(string programId, long version)
    {
        Registry.V1.Program? program = null;
        await TestRegistry.UntilAsync(async () =>
        {
            try
            {
                program = await GetAsync(programId);
                return program.Version >= version;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        });
        return program!;
    }

    public async Task<List<HistoryEntry>> HistoryAsync(string programId)
    {
        using var call = Client.Queries.GetProgramHistory(new GetProgramHistoryRequest { ProgramId = programId }, Calls.WithTimeout(TimeSpan.FromSeconds(30)));
        var entries = new List<HistoryEntry>();
        await foreach (var entry in call.ReadAllAsync())
            entries.Add(entry);
        return entries;
    }

    /// <summary>
    /// Where the last programme event is in the log: it moves if and only if a command appended something. (The
    /// log's own head also moves by itself on EventStoreDB, where publishers renew their leases in the log.)
    /// </summary>
    public async Task<LogPosition> HeadAsync()
    {
        await foreach (var recorded in Registry.Store.ReadAllAsync(Direction.Backwards, Position.End, 10_000))
        {
            if (recorded.Stream.StartsWith("program-", StringComparison.Ordinal))
                return new LogPosition { Commit = recorded.Position.Commit, Prepare = recorded.Position.Prepare };
        }
        return new LogPosition();
    }

    /// <summary>A new programme with its announcement (version 0).</summary>
    public async Task<(string Id, CommandResult Announced)> AnnounceAsync(string prefix = "kz-tulpar")
    {
        var id = Requests.NewProgramId(prefix);
        return (id, await SendAsync(Requests.Announce(id)));
    }
}
