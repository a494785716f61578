using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Domain;
using Registry.Domain.Decisions;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.Samples;
using Registry.Server.Programs;
using Registry.Server.Programs.Commands;
using Registry.Server.Programs.Publishing;

namespace Registry.Costs.Bench;

/// <summary>
/// What one ProgramStateChanged costs as programmes grow: the message carries the whole state, so it grows with
/// every claim (the contract). For each size, programmes holding about that many claims get a few more, and the
/// program-state publisher (its states already known, as when live) publishes those changes on each transport.
/// </summary>
internal static class StateSizes
{
    private const int Programmes = 200;
    private const int MeasuredEach = 10;

    public sealed record Transport(string Name, bool Consumer, string[] Settings);

    public sealed record Row(int Claims, string Transport, Stage Stage, double? Bytes)
    {
        public static string Header => $"{"claims",6} {"transport",-38} {"CPU us/msg",10} {"KB alloc/msg",12} {"bytes/msg",10} {"msgs/s",8}";

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Claims,6} {Transport,-38} {Stage.CpuMicroseconds,10:F1} {Stage.KilobytesAllocated,12:F1} {(Bytes is { } b ? b.ToString("F0", CultureInfo.InvariantCulture) : "-"),10} {Stage.PerSecond,8:F0}");
    }

    public static async Task<List<Row>> MeasureAsync(string folder, int claims, int callers, IReadOnlyList<Transport> transports)
    {
        var ids = Enumerable.Range(0, Programmes).Select(i => $"size-{claims}-{i:D4}").ToArray();
        // A log of its own each time (the same size may be measured twice).
        var data = Directory.CreateDirectory(Path.Combine(folder, $"sizes-{claims}-{Guid.NewGuid():N}")).FullName;
        await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = Path.Combine(data, "events.db") });
        using var locks = new ProgramLocks();
        var handler = new CommandHandler(store, new ProgramHistoryCache(store), locks);
        await CommandLoad.RunAsync(ids.Select(id => (IProgramCommand)ToDomain.Command(SampleRequests.Announce(id))).ToArray(), callers, handler);
        // The measured messages carry from claims - MeasuredEach/2 + 1 to claims + MeasuredEach/2 attribute claims.
        var before = Math.Max(0, claims - (MeasuredEach / 2));
        await CommandLoad.RunAsync(Reports(ids, 0, before), callers, handler, offset: Programmes);
        var from = await store.ReadHeadAsync();
        await CommandLoad.RunAsync(Reports(ids, before, MeasuredEach), callers, handler, offset: Programmes * (1 + before));

        var rows = new List<Row>();
        foreach (var transport in transports)
            rows.Add(await PublishAsync(data, store, ids, before, from, claims, transport));
        // The consumer sees the bytes; on a transport without one, the same message is as large.
        return rows.Select(r => r with { Bytes = r.Bytes ?? rows.FirstOrDefault(o => o.Bytes is not null)?.Bytes }).ToList();
    }

    private static IProgramCommand[] Reports(string[] ids, int firstEach, int countEach) =>
        Enumerable.Range(firstEach * ids.Length, countEach * ids.Length)
            .Select(n => (IProgramCommand)ToDomain.Command(SampleRequests.Attribute(ids[n % ids.Length], $"c-{n}", $"report-{n}", n)))
            .ToArray();

    private static async Task<Row> PublishAsync(string folder, SqliteEventStore store, string[] ids, int before, Position from, int claims, Transport transport)
    {
        await using var bus = await BenchBus.StartAsync(transport.Consumer, transport.Settings);
        var mapper = new ProgramStateMapper(store);
        // Warm: the mapper learns every programme's state as of 'from', and the bus publishes those states once
        // (connection, serializer, consumer), so that what is measured is the publisher as it runs when live.
        var warm = new List<OutgoingMessage>();
        foreach (var id in ids)
        {
            await foreach (var recorded in store.ReadStreamAsync(ProgramId.Parse(id).Stream, Direction.Forwards, before, 1))
                warm.AddRange(await mapper.MapAsync(recorded, CancellationToken.None));
        }
        await bus.Sink.PublishAsync(warm, CancellationToken.None);
        var expected = ids.Length * MeasuredEach;
        await UntilAsync(() => !transport.Consumer || bus.Receipts.Count >= warm.Count);
        var (receivedBefore, bytesBefore) = (bus.Receipts.Count, bus.Receipts.Bytes);

        var database = new ReadModelDatabase(Path.Combine(folder, $"read-models-{transport.Name.Split(' ')[0]}.db"));
        await using (var connection = database.Open())
            ReadModelDatabase.WriteCheckpoint(connection, null, mapper.Name, from);
        var head = await store.ReadHeadAsync();
        var publisher = new LogPublisher(store, database, mapper, bus.Sink, NullLogger<LogPublisher>.Instance);
        var stage = await Stage.MeasureAsync($"{claims} claims, {transport.Name}", expected, async () =>
        {
            using var stop = new CancellationTokenSource();
            var running = publisher.RunAsync(stop.Token);
            await UntilAsync(() => publisher.Status.Checkpoint >= head && (!transport.Consumer || bus.Receipts.Count >= receivedBefore + expected));
            await stop.CancelAsync();
            await running;
        });
        double? bytes = transport.Consumer ? (double)(bus.Receipts.Bytes - bytesBefore) / (bus.Receipts.Count - receivedBefore) : null;
        return new Row(claims, transport.Name, stage, bytes);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
            await Task.Delay(2);
    }
}
