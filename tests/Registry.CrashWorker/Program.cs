// Usage: Registry.CrashWorker --store PATH --read-model PATH [--writers N]
// Appends single events to crash-0..crash-49 from N concurrent writers, forever, with a projection following
// the log; prints "ACK <event id> <position> <stream> <revision>" once an append is acknowledged (durable).
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.CrashWorker;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.Projections;

string Arg(string name, string? fallback = null) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"missing {name}");

var writers = int.Parse(Arg("--writers", "32"), CultureInfo.InvariantCulture);
await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = Arg("--store") });
using var readModels = new ReadModelDatabase(Arg("--read-model"));
await using var engine = new ProjectionEngine([new StreamTotals()], readModels, store,
    NullLogger<ProjectionEngine>.Instance);
engine.Start();

var output = Console.Out;
await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
{
    for (var n = 0L; ; n++)
    {
        var stream = $"crash-{(writer + n) % 50}";
        var data = new EventData(Guid.NewGuid(), "Counted.v1", Encoding.UTF8.GetBytes($$"""{"amount":{{n % 7 + 1}}}"""), Encoding.UTF8.GetBytes("{}"));
        var result = await store.AppendAsync(stream, ExpectedRevision.Any, [data]);
        lock (output)
            output.WriteLine($"ACK {data.EventId} {result.Position.Commit} {stream} {result.NextExpectedRevision}");
    }
})));
