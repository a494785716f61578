// Usage (bench/audit-tree.sh builds and runs this): Registry.Audit.Bench [--events 1000000] [--dir artifacts/bench-audit]
// Fills an embedded log with programme events, then follows it from position 0 twice, each time alone: with a
// plain projection (a row per stream, as bench/event-store.sh measures) and with the audit Merkle tree. Reports
// events/s and process CPU per event for each, the tree's share of the plain rebuild, proof, lookup and signing costs.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Audit.Bench;
using Registry.Client.Audit;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.Projections;
using Registry.Server.Audit;

var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddCommandLine(args).Build();
var events = int.Parse(config["events"] ?? "1000000", CultureInfo.InvariantCulture);
var directory = Path.GetFullPath(config["dir"] ?? Path.Combine("artifacts", "bench-audit"));
if (Directory.Exists(directory))
    Directory.Delete(directory, recursive: true);
Directory.CreateDirectory(directory);

await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = Path.Combine(directory, "events.db") });
var fill = Stopwatch.StartNew();
const int Batch = 1000;
var metadata = Encoding.UTF8.GetBytes("""{"commandId":"bench-command-000000","actor":"bench-operator","correlationId":"0f8fad5b-d9cb-469f-a165-70867728950e","causationId":"0f8fad5b-d9cb-469f-a165-70867728950e","traceParent":null,"schemaVersion":1}""");
for (var i = 0; i < events; i += Batch)
{
    var batch = Enumerable.Range(i, Math.Min(Batch, events - i)).Select(n => new EventData(Guid.NewGuid(), "AttributeReported.v1",
        Encoding.UTF8.GetBytes($$$"""{"claimId":"c-{{{n}}}","attribute":"planned_quantity","value":{"quantity":{"amount":"{{{n % 500}}}","unit":"pcs"}},"certainty":"Reported","provenance":{"outlet":"Defence Daily","url":"https://example.org/{{{n}}}","title":"Report {{{n}}}","language":"en","sourceType":"News","reliability":"B","credibility":2}}"""),
        metadata)).ToArray();
    await store.AppendAsync($"program-bench-{i / Batch % 5000:D4}", ExpectedRevision.Any, batch);
}
Console.WriteLine($"filled {events:N0} events in {fill.Elapsed.TotalSeconds:F1} s");

var plain = await Follow.MeasureAsync(store, new EventsPerStream(), EventsPerStream.ProjectionName, Path.Combine(directory, "plain.db"));
var tree = await Follow.MeasureAsync(store, new MerkleTreeProjection(), MerkleTreeProjection.ProjectionName, Path.Combine(directory, "tree.db"));
Console.WriteLine($"plain projection from 0:   {plain.PerSecond,12:N0} events/s   {plain.CpuMicrosecondsPerEvent,6:F1} µs CPU/event");
Console.WriteLine($"audit tree from 0:         {tree.PerSecond,12:N0} events/s   {tree.CpuMicrosecondsPerEvent,6:F1} µs CPU/event");
Console.WriteLine($"tree build rate as a share of the plain rebuild: {tree.PerSecond / plain.PerSecond:P0}");
Console.WriteLine($"extra server CPU per command with the tree follower on (one event per command): {tree.CpuMicrosecondsPerEvent:F1} µs");

using var treeDatabase = new ReadModelDatabase(Path.Combine(directory, "tree.db"));
using (var snapshot = new TreeSnapshot(treeDatabase))
{
    var random = new Random(42);
    var size = snapshot.Size;
    var root = Stopwatch.StartNew();
    var rootHash = snapshot.Proofs.Root(size);
    Console.WriteLine($"root of {size:N0} leaves: {root.Elapsed.TotalMilliseconds:F2} ms");
    const int Proofs = 2000;
    var inclusion = Stopwatch.StartNew();
    for (var i = 0; i < Proofs; i++)
    {
        var index = random.NextInt64(size);
        var path = snapshot.Proofs.Inclusion(index, size);
        if (!MerkleVerification.VerifyInclusion(index, size, snapshot.Hash(0, index), path, rootHash))
            throw new InvalidOperationException($"inclusion proof of leaf {index} failed");
    }
    Console.WriteLine($"inclusion proof at {size:N0} leaves (made and verified): {inclusion.Elapsed.TotalMicroseconds / Proofs:F0} µs");
    var consistency = Stopwatch.StartNew();
    for (var i = 0; i < Proofs; i++)
    {
        var first = 1 + random.NextInt64(size);
        var proof = snapshot.Proofs.Consistency(first, size);
        if (!MerkleVerification.VerifyConsistency(first, size, snapshot.Proofs.Root(first), rootHash, proof))
            throw new InvalidOperationException($"consistency proof from {first} failed");
    }
    Console.WriteLine($"consistency proof to {size:N0} leaves (made, first root, verified): {consistency.Elapsed.TotalMicroseconds / Proofs:F0} µs");

    // Finding a leaf by event id (inclusion proofs by event, bundles): through the index written in blocks, and
    // among the leaves after the last block, which a snapshot reads once, on its first such lookup.
    var unindexed = size % MerkleTreeProjection.DefaultIndexBlock;
    var indexedIds = Enumerable.Range(0, Proofs).Select(_ => snapshot.LeafAt(random.NextInt64(size - unindexed))!.EventId).ToArray();
    var byIndex = Stopwatch.StartNew();
    foreach (var id in indexedIds)
        _ = snapshot.FindLeaf(id) ?? throw new InvalidOperationException($"no leaf for event {id}");
    Console.WriteLine($"a leaf found by event id through the index: {byIndex.Elapsed.TotalMicroseconds / Proofs:F0} µs");
    if (unindexed > 0)
    {
        var lastId = snapshot.LeafAt(size - 1)!.EventId;
        const int Snapshots = 20;
        var first = new Stopwatch();
        for (var i = 0; i < Snapshots; i++)
        {
            using var fresh = new TreeSnapshot(treeDatabase);
            first.Start();
            _ = fresh.FindLeaf(lastId) ?? throw new InvalidOperationException($"no leaf for event {lastId}");
            first.Stop();
        }
        Console.WriteLine($"the first lookup among the {unindexed:N0} leaves after the last indexed block (a new snapshot each): {first.Elapsed.TotalMilliseconds / Snapshots:F1} ms");
        var unindexedIds = Enumerable.Range(0, Proofs).Select(_ => snapshot.LeafAt(size - 1 - random.NextInt64(unindexed))!.EventId).ToArray();
        var again = Stopwatch.StartNew();
        foreach (var id in unindexedIds)
            _ = snapshot.FindLeaf(id) ?? throw new InvalidOperationException($"no leaf for event {id}");
        Console.WriteLine($"further lookups among them in the same snapshot: {again.Elapsed.TotalMicroseconds / Proofs:F0} µs");
    }
}

using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var head = new TreeHead(events, new byte[32], 0, 0, 0);
var signing = Stopwatch.StartNew();
for (var i = 0; i < 1000; i++)
    head.Sign(key);
Console.WriteLine($"signing a head (ECDSA P-256): {signing.Elapsed.TotalMicroseconds / 1000:F0} µs, once per Audit:SignEvery:Events (1000 by default)");
Directory.Delete(directory, recursive: true);

namespace Registry.Audit.Bench
{
    internal static class Follow
    {
        public sealed record Measured(double PerSecond, double CpuMicrosecondsPerEvent);

        public static async Task<Measured> MeasureAsync(IEventStore store, ISqliteProjection projection, string name, string databasePath)
        {
            var database = new ReadModelDatabase(databasePath);
            var head = await store.ReadHeadAsync();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await using (var engine = new ProjectionEngine([projection], database, store, NullLogger<ProjectionEngine>.Instance))
            {
                engine.Start();
                while (engine.Status(name) is { } status && status.Checkpoint < head)
                {
                    if (status.State == ProjectionState.Faulted)
                        throw new InvalidOperationException(status.Error);
                    await Task.Delay(5);
                }
            }
            var elapsed = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var count = (double)head.Commit;
            return new Measured(count / elapsed.TotalSeconds, used.TotalMicroseconds / count);
        }
    }

    /// <summary>The plain projection bench/event-store.sh rebuilds: a row per stream, updated by each event.</summary>
    internal sealed class EventsPerStream : ISqliteProjection
    {
        public const string ProjectionName = "bench_streams";
        public string Name => ProjectionName;
        public int Version => 1;
        public SubscriptionFilter? Filter => null;
        public IReadOnlyList<string> Tables { get; } = ["streams"];

        public void CreateSchema(ProjectionContext context) =>
            context.Execute($"CREATE TABLE {context.Table("streams")} (stream TEXT PRIMARY KEY, events INTEGER NOT NULL, last_position INTEGER NOT NULL)");

        public void Apply(ProjectionContext context, RecordedEvent recorded) =>
            context.Execute(
                $"INSERT INTO {context.Table("streams")} (stream, events, last_position) VALUES ($s, 1, $p) " +
                "ON CONFLICT(stream) DO UPDATE SET events = events + 1, last_position = $p",
                ("$s", recorded.Stream), ("$p", (long)recorded.Position.Commit));
    }
}
