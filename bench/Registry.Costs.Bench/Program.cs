// Usage (bench/costs.sh builds and runs this):
//   Registry.Costs.Bench [--programmes 1000] [--claims 40] [--callers 64] [--state-claims 10,60,300] [--rabbitmq-port P]
// Takes one ReportClaim's server-side cost apart, in CPU time of this process per command: decoding and
// validating the request, deciding and appending it durably (callers at once, as under load), then the
// programmes projection and the ProgramStateChanged publisher following the log from the start (with nobody to
// receive its messages, the default; and with a consumer in this process). Then what one ProgramStateChanged
// costs when programmes hold each of --state-claims claims, in memory with a consumer and, given a broker, on RabbitMQ.
using System.Globalization;
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
using Google.Protobuf;

var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddCommandLine(args).Build();
var programmes = int.Parse(config["programmes"] ?? "1000", CultureInfo.InvariantCulture);
var claimsEach = int.Parse(config["claims"] ?? "40", CultureInfo.InvariantCulture);
var callers = int.Parse(config["callers"] ?? "64", CultureInfo.InvariantCulture);
var stateClaims = (config["state-claims"] ?? "10,60,300").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var rabbitMqPort = config["rabbitmq-port"];

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
    await CommandLoad.RunAsync(ids.Select(id => (IProgramCommand)ToDomain.Command(SampleRequests.Announce(id))).ToArray(), callers, handler);
    stages.Add(await Stage.MeasureAsync("decide and append durably", reports.Length,
        () => CommandLoad.RunAsync(reports.Select(r => (IProgramCommand)ToDomain.Command(r)).ToArray(), callers, handler, offset: programmes)));
    var events = programmes + reports.Length;

    var database = new ReadModelDatabase(Path.Combine(folder.FullName, "read-models.db"));
    stages.Add(await Stage.MeasureAsync("project into the read model (catching up)", events, async () =>
    {
        await using var engine = new ProjectionEngine([new ProgramsProjection()], database, store, NullLogger<ProjectionEngine>.Instance);
        engine.Start();
        while (engine.Status(ProgramsProjection.ProjectionName).State != ProjectionState.Live)
            await Task.Delay(5);
    }));

    stages.Add(await PublishStageAsync("publish ProgramStateChanged, nobody receives (default)", consumer: false, "read-models-unheard.db"));
    stages.Add(await PublishStageAsync("publish ProgramStateChanged, consumer in process", consumer: true, "read-models-heard.db"));

    Console.WriteLine($"{programmes} programmes, {claimsEach} attribute claims each (reported by {callers} callers at once), {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"stage",-58} {"CPU us/cmd",10} {"KB alloc/cmd",12} {"per s (wall)",12}");
    foreach (var stage in stages)
        Console.WriteLine(stage);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum, publishing to nobody (gRPC: bench/grpc-unary.sh)",-58} {stages.Sum(s => s.CpuMicroseconds) - stages[^1].CpuMicroseconds,10:F1}"));
    Console.WriteLine("(a consumer in this process: its CPU, deserializing each message, is in the stage that has one)");

    List<StateSizes.Transport> transports = [new("in-memory, consumer in process", Consumer: true, [])];
    if (rabbitMqPort is not null)
        transports.Add(new("RabbitMQ, publisher confirms", Consumer: false, ["--Bus:Transport=RabbitMq", "--Bus:RabbitMq:Host=127.0.0.1", $"--Bus:RabbitMq:Port={rabbitMqPort}"]));
    Console.WriteLine();
    Console.WriteLine("ProgramStateChanged by state size (the program-state publisher, live; 2,000 messages per row; the consumer's CPU included in memory)");
    Console.WriteLine(StateSizes.Row.Header);
    foreach (var size in stateClaims)
    {
        foreach (var row in await StateSizes.MeasureAsync(folder.FullName, size, callers, transports))
            Console.WriteLine(row);
    }

    // The publisher following the log from the start, on a bus of its own (with or without a consumer of its messages).
    async Task<Stage> PublishStageAsync(string name, bool consumer, string checkpoints)
    {
        await using var bus = await BenchBus.StartAsync(consumer);
        var publisher = new LogPublisher(store, new ReadModelDatabase(Path.Combine(folder.FullName, checkpoints)), new ProgramStateMapper(store), bus.Sink,
            NullLogger<LogPublisher>.Instance);
        return await Stage.MeasureAsync(name, events, async () =>
        {
            using var stop = new CancellationTokenSource();
            var running = publisher.RunAsync(stop.Token);
            while (publisher.Status.State != ProjectionState.Live || (consumer && bus.Receipts.Count < events))
                await Task.Delay(5);
            await stop.CancelAsync();
            await running;
        });
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}
return 0;
