using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Contracts;
using Registry.Client;
using Registry.Projections.Publishing;
using Registry.Samples;

namespace Registry.Publishing.Bench;

internal static class Scenarios
{
    private const int Batch = 500;
    private const int Programmes = 1000;

    /// <summary>(1) The registry's sink alone: batches of 500 prebuilt messages, all in flight, each batch until confirmed.</summary>
    public static async Task<double> SinkAloneAsync(string[] bus, int count)
    {
        using var data = new BenchFolder();
        await using var host = await BenchHost.StartAsync(data.Path, [.. bus, "--Publishing:Enabled=false"]);
        var sink = host.Services.GetRequiredService<IMessageSink>();
        var snapshot = new ProgramSnapshot("Bench programme", "LightTank", "KZ", "Announced",
            [new AttributeSnapshot("turret_calibre", new ValueSnapshot("c1", "120 mm", "Defence Daily", "B2", false, "Normal"), false, [])], []);
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var eventId = Guid.NewGuid();
            return new OutgoingMessage(MessageIds.Derive(eventId, nameof(ProgramStateChanged)),
                new ProgramStateChanged($"bench-{i % Programmes}", i / Programmes, (ulong)i, (ulong)i, eventId, "AttributeReported.v1", DateTimeOffset.UtcNow, snapshot));
        }).ToList();
        await sink.PublishAsync(messages[..Batch], CancellationToken.None); // warm: connection, exchange
        var clock = Stopwatch.StartNew();
        foreach (var chunk in messages.Chunk(Batch))
            await sink.PublishAsync(chunk, CancellationToken.None);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>(2) Commands recorded with publishing off; then a host with publishing on, timed until all are confirmed.</summary>
    public static async Task<(long Published, TimeSpan Elapsed)> CatchUpAsync(string[] bus, int reports)
    {
        using var data = new BenchFolder();
        var ids = ProgramIds();
        await using (var loading = await BenchHost.StartAsync(data.Path, ["--Publishing:Enabled=false"]))
        {
            await ForEachAsync(ids, id => loading.Client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id)).ResponseAsync);
            await ForEachAsync(Enumerable.Range(0, reports), n => Report(loading.Client, ids, "catch-up", n));
        }
        SqliteConnection.ClearAllPools();
        var expected = ids.Length + reports;
        var holder = new ConfirmClock.Holder();
        var clock = Stopwatch.StartNew();
        await using var publishing = await BenchHost.StartAsync(data.Path, bus, holder);
        while (holder.Clock is null || holder.Clock.Confirmed < expected)
            await Task.Delay(5);
        return (holder.Clock.Confirmed, clock.Elapsed);
    }

    public sealed record Sustained(double Achieved, TimeSpan[] Lags);

    /// <summary>(3) Commands at a fixed rate (open loop: sent on schedule, not after the previous answer); lag of each state change.</summary>
    public static async Task<Sustained> SustainedAsync(string[] bus, int rate, TimeSpan warmup, TimeSpan measured)
    {
        using var data = new BenchFolder();
        var ids = ProgramIds();
        var holder = new ConfirmClock.Holder();
        await using var host = await BenchHost.StartAsync(data.Path, bus, holder);
        await ForEachAsync(ids, id => host.Client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id)).ResponseAsync);

        var inFlight = new ConcurrentBag<Task>();
        var acknowledgedInWindow = 0L;
        var clock = Stopwatch.StartNew();
        var measureFrom = DateTimeOffset.UtcNow + warmup;
        var total = warmup + measured;
        var sent = 0L;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (clock.Elapsed < total && await tick.WaitForNextTickAsync())
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var n = (int)sent;
                inFlight.Add(Task.Run(async () =>
                {
                    await Report(host.Client, ids, "rate", n);
                    if (DateTimeOffset.UtcNow >= measureFrom)
                        Interlocked.Increment(ref acknowledgedInWindow);
                }));
            }
        }
        await Task.WhenAll(inFlight);
        var expected = ids.Length + sent;
        while (holder.Clock!.Confirmed < expected)
            await Task.Delay(5);
        return new Sustained(acknowledgedInWindow / measured.TotalSeconds, holder.Clock.LagsSince(measureFrom));
    }

    private static string[] ProgramIds() => Enumerable.Range(0, Programmes).Select(i => $"bench-{i:D4}").ToArray();

    private static Task<Registry.V1.CommandResult> Report(RegistryClient client, string[] ids, string phase, int n) =>
        client.Commands.ReportClaimAsync(SampleRequests.Attribute(ids[n % ids.Length], $"{phase}-{n}", $"{phase}-{n}", n)).ResponseAsync;

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, _) => await action(item));
}
