// Usage (bench/costs.sh builds and runs this): Registry.Costs.Bench [--programmes 1000] [--claims 40] [--callers 64]
// Takes one ReportClaim's server-side cost apart, in CPU time of this process per command: decoding and
// validating the request, deciding and appending it durably (callers at once, as under load), then the
// programmes projection and the ProgramStateChanged publisher following the log from the start.
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Samples;
using Registry.Domain.Decisions;
using Registry.Costs.Bench;
using Registry.EventStore.Sqlite;
using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.Server.Programs;
using Registry.Server.Programs.Commands;
using Registry.Server.Programs.Commands.Validation;
using Registry.Server.Programs.Publishing;
using Registry.Server.Programs.Queries;
using Registry.Server.Publishing;

var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddCommandLine(args).Build();
var programmes = int.Parse(config["programmes"] ?? "1000", CultureInfo.InvariantCulture);
var claimsEach = int.Parse(config["claims"] ?? "40", CultureInfo.InvariantCulture);
var callers = int.Parse(config["callers"] ?? "64", CultureInfo.InvariantCulture);

var folder = Directory.CreateTempSubdirectory("registry-costs-");
try
{
    var ids = Enumerable.Range(0, programmes).Select(i => $"bench-programme-{i:D5}").ToArray();
    var reports = Enumerable.Range(0, programmes * claimsEach)
        .Select(n => SampleRequests.Attribute(ids[n % programmes], $"c-{n}", $"report-{n}", n)).ToArray();
    var stages = new List<Stage>();

    var encoded = reports.Select(r => r.ToByteArray()).ToArray();
    var validator = new ReportClaimValidator();
    stages.Add(Stage.Measure("decode the request (protobuf)", encoded.Length, () => { foreach (var bytes in encoded) Registry.V1.ReportClaimRequest.Parser.ParseFrom(bytes); }));
    stages.Add(Stage.Measure("validate it (FluentValidation)", reports.Length, () => { foreach (var report in reports) validator.Failures(report); }));

    await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = Path.Combine(folder.FullName, "events.db") });
    using var locks = new ProgramLocks();
    var handler = new CommandHandler(store, new ProgramHistoryCache(store), locks);
    await RunAsync(ids.Select(id => (IProgramCommand)ToDomain.Command(SampleRequests.Announce(id))).ToArray(), callers, handler);
    stages.Add(await Stage.MeasureAsync("decide and append durably", reports.Length,
        () => RunAsync(reports.Select(r => (IProgramCommand)ToDomain.Command(r)).ToArray(), callers, handler, offset: programmes)));
    var events = programmes + reports.Length;

    var database = new ReadModelDatabase(Path.Combine(folder.FullName, "read-models.db"));
    stages.Add(await Stage.MeasureAsync("project into the read model (catching up)", events, async () =>
    {
        await using var engine = new ProjectionEngine([new ProgramsProjection()], database, store, NullLogger<ProjectionEngine>.Instance);
        engine.Start();
        while (engine.Status(ProgramsProjection.ProjectionName).State != ProjectionState.Live)
            await Task.Delay(5);
    }));

    var services = new ServiceCollection();
    services.AddMassTransit(bus => bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context)));
#pragma warning disable ASP0000 // a bus on its own, outside any host
    await using var provider = services.BuildServiceProvider();
#pragma warning restore ASP0000
    var bus = provider.GetRequiredService<IBusControl>();
    await bus.StartAsync();
    var publisher = new LogPublisher(store, database, new ProgramStateMapper(store), new MassTransitMessageSink(bus), NullLogger<LogPublisher>.Instance);
    stages.Add(await Stage.MeasureAsync("publish ProgramStateChanged (in-memory bus, catching up)", events, async () =>
    {
        using var stop = new CancellationTokenSource();
        var running = publisher.RunAsync(stop.Token);
        while (publisher.Status.State != ProjectionState.Live)
            await Task.Delay(5);
        await stop.CancelAsync();
        await running;
    }));
    await bus.StopAsync();

    Console.WriteLine($"{programmes} programmes, {claimsEach} attribute claims each (reported by {callers} callers at once), {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"stage",-58} {"CPU us/cmd",10} {"KB alloc/cmd",12} {"per s (wall)",12}");
    foreach (var stage in stages)
        Console.WriteLine(stage);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum (gRPC itself not included: see bench/grpc-unary.sh)",-58} {stages.Sum(s => s.CpuMicroseconds),10:F1}"));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}
return 0;

static async Task RunAsync(IReadOnlyList<IProgramCommand> commands, int callers, CommandHandler handler, int offset = 0)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        for (var i = Interlocked.Increment(ref next); i < commands.Count; i = Interlocked.Increment(ref next))
        {
            var context = new CommandContext($"cmd-{offset + i}", null, "bench", $"cmd-{offset + i}", null);
            if (await handler.ExecuteAsync(commands[i], context, CancellationToken.None) is not CommandOutcome.Done)
                throw new InvalidOperationException($"command {i} was not accepted");
        }
    })));
}
