// Usage (bench/queries.sh starts the servers and runs this):
//   Registry.Queries.Bench --registry http://127.0.0.1:P --echo http://127.0.0.1:Q --credentials-file FILE
//       [--callers 64] [--programmes 1000] [--claims 3] [--seconds 10] [--warmup 5] [--channels 1] [--store NAME] [--server-pid PID] [--echo-pid PID]
//       [--watchers 1000] [--watched 100] [--watch-connections 20] [--rate 1000] [--watch-seconds 10] [--command-connections 2]
//       [--open-wave 100]
// (1) GetProgram on existing programmes against the unary Echo of Registry.Grpc.Bench, same callers, client and
//     connections; (2) WatchPrograms: many watch streams, commands at a paced (open-loop) rate, and the delay
//     from each command's acknowledgement to the last of its programme's watchers receiving its event.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Grpc.Net.Client;
using Registry.Bench;
using Registry.Client;
using Registry.Grpc.Bench.Protos;
using Registry.Queries.Bench;
using Registry.Samples;
using Registry.V1;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();
if (config["registry"] is not { } registryAddress || config["echo"] is not { } echoAddress)
{
    await Console.Error.WriteLineAsync("usage: --registry URL --echo URL [--credentials-file FILE] [--callers 64] [--programmes 1000] ... (see Program.cs)");
    return 2;
}
var callers = config.GetValue("callers", 64);
var programmes = config.GetValue("programmes", 1000);
var claimsPerProgramme = config.GetValue("claims", 3);
var seconds = TimeSpan.FromSeconds(config.GetValue("seconds", 10.0));
var warmup = TimeSpan.FromSeconds(config.GetValue("warmup", 5.0));
var channelCount = config.GetValue("channels", 1);
var store = config["store"] ?? "store not named";
var watcherCount = config.GetValue("watchers", 1000);
var watched = config.GetValue("watched", 100);
var watchConnections = config.GetValue("watch-connections", 20);
var rate = config.GetValue("rate", 1000.0);
var watchSeconds = config.GetValue("watch-seconds", 10.0);
var commandConnections = config.GetValue("command-connections", 2);
var openWave = config.GetValue("open-wave", 100);
// CPU time of the server and of this client tells which of the two a slow phase waited for (they share the cores).
using var server = config["server-pid"] is { } pid ? Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)) : null;
using var echoServer = config["echo-pid"] is { } echoPid ? Process.GetProcessById(int.Parse(echoPid, CultureInfo.InvariantCulture)) : null;
if (watched > programmes || watched > watcherCount)
{
    await Console.Error.WriteLineAsync("--watched must not exceed --programmes nor --watchers");
    return 2;
}

var credential = config["credentials-file"] is { } file ? Registry.Client.Credentials.Credential.Parse(File.ReadAllText(file)) : null;
RegistryClient Connect() => RegistryClient.Connect(new Uri(registryAddress), new CallContext(credential));
// Each GrpcChannel is its own HTTP/2 connection while its calls in flight stay under Kestrel's 100 streams.
var queryClients = Enumerable.Range(0, channelCount).Select(_ => Connect()).ToArray();
var echoChannels = Enumerable.Range(0, channelCount).Select(_ => GrpcChannel.ForAddress(new Uri(echoAddress))).ToArray();
var echoClients = echoChannels.Select(channel => new Echo.EchoClient(channel)).ToArray();
var commandClients = Enumerable.Range(0, commandConnections).Select(_ => Connect()).ToArray();
var admin = queryClients[0].Admin;
Console.WriteLine($"Registry.Server's event log: {store}; {Environment.ProcessorCount} cores");

// Programmes with some state: announced, then a few attribute claims each.
var programIds = Enumerable.Range(0, programmes).Select(i => $"bench-programme-{i:D5}").ToArray();
var run = Guid.NewGuid().ToString("N")[..8];
var clock = Stopwatch.StartNew();
var parallel = new ParallelOptions { MaxDegreeOfParallelism = callers };
await Parallel.ForEachAsync(programIds, parallel,
    async (id, ct) => await commandClients[0].Commands.AnnounceProgramAsync(SampleRequests.Announce(id), cancellationToken: ct));
await Parallel.ForEachAsync(Enumerable.Range(0, programmes * claimsPerProgramme), parallel, async (k, ct) =>
    await commandClients[0].Commands.ReportClaimAsync(
        SampleRequests.Attribute(programIds[k % programmes], $"seed-{k}", $"{run}-seed-{k}", k), cancellationToken: ct));
// Reads and snapshots are of the read model: measured once it holds every command.
while ((await admin.GetStatusAsync(new GetStatusRequest())).Followers.Any(f => f.Kind == FollowerStatus.Types.Kind.Projection && f.Lag > 0))
    await Task.Delay(50);
Console.WriteLine($"announced {programmes} programmes and reported {claimsPerProgramme} claims on each in {clock.Elapsed.TotalSeconds:F1} s (projections at the head)");

// (1) GetProgram against the echo.
Task GetAsync(int caller, long n) =>
    queryClients[caller % channelCount].Queries.GetProgramAsync(new GetProgramRequest { ProgramId = programIds[(int)((caller * 7919L + n * 64) % programmes)] }).ResponseAsync;
var echoRequest = new EchoRequest { Text = "registry bench: unary echo" };
Task EchoAsync(int caller) => echoClients[caller % channelCount].UnaryAsync(echoRequest).ResponseAsync;
Console.WriteLine($"GetProgram, then echo: warm-up {warmup.TotalSeconds} s, then {seconds.TotalSeconds} s each, {callers} closed-loop callers over {channelCount} connection(s)");
await Load.RunAsync(callers, warmup, GetAsync);
var machineBefore = MachineCpu.Sample(server);
var reads = await Load.RunAsync(callers, seconds, GetAsync);
var machineAfter = MachineCpu.Sample(server);
var machineDuringReads = MachineCpu.Describe("GetProgram", machineBefore, machineAfter);
var readCpu = machineAfter.Processes - machineBefore.Processes;
await Load.RunAsync(callers, warmup, (c, _) => EchoAsync(c));
machineBefore = MachineCpu.Sample(echoServer);
var echo = await Load.RunAsync(callers, seconds, (c, _) => EchoAsync(c));
var machineDuringEcho = MachineCpu.Describe("the echo", machineBefore, MachineCpu.Sample(echoServer));
Console.WriteLine($"{"",-36} {"calls/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
Print("GetProgram (read model)", reads);
Print("Echo.Unary (grpc-dotnet, bare)", echo);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GetProgram / echo = {100 * reads.PerSecond / echo.PerSecond:F1}% (aim: >= 50%)"));
if (server is not null)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU per GetProgram: {readCpu.Server.TotalMicroseconds / reads.Completed:F0} us"));
Console.WriteLine(machineDuringReads);
Console.WriteLine(machineDuringEcho);
Console.WriteLine();

// (2) WatchPrograms: watcher i watches programme i % watched.
var watchedIds = programIds[..watched];
var watchersOf = Enumerable.Range(0, watched).Select(p => Enumerable.Range(0, watcherCount).Count(i => i % watched == p)).ToArray();
Console.WriteLine($"WatchPrograms: {watcherCount} streams over {watchConnections} HTTP/2 connections; watcher i watches programme i % {watched} " +
    $"(one programme each), so each change of a watched programme reaches {(watchersOf.Min() == watchersOf.Max() ? $"{watchersOf.Min()}" : $"{watchersOf.Min()}-{watchersOf.Max()}")} watchers");
var watchClients = Enumerable.Range(0, watchConnections).Select(_ => Connect()).ToArray();
clock.Restart();
var cpu = CpuTime.Of(server);
var watchers = new Watchers(watchClients, i => watchedIds[i % watched]);
// Opened in waves (each stream's snapshot reads the read model): all at once starves the server of CPU for
// long enough that it resets connections, which is not what this measures.
try
{
    while (watchers.Count < watcherCount)
        await watchers.OpenAsync(Math.Min(openWave, watcherCount - watchers.Count)).WaitAsync(TimeSpan.FromMinutes(5));
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"the watchers did not all get past their snapshot ({watchers.Failed} failed): {e.Message}");
    return 1;
}
Console.WriteLine($"all {watcherCount} watchers past their snapshot {clock.Elapsed.TotalSeconds:F1} s after opening the first ({openWave} at a time; {CpuText(CpuTime.Of(server) - cpu)})");

async Task<(long Ack, string[] EventIds)> ReportAsync(int k, string phase)
{
    var result = await commandClients[k % commandConnections].Commands.ReportClaimAsync(
        SampleRequests.Attribute(watchedIds[k % watched], $"{phase}-{k}", $"{run}-{phase}-{k}", k));
    return (Stopwatch.GetTimestamp(), [.. result.EventIds]);
}

// Until every event reached all its programme's watchers, or nothing more arrived for 10 s: how many updates are missing.
async Task<long> AwaitDeliveriesAsync(IEnumerable<(int Programme, string EventId)> events)
{
    var expected = events.ToArray();
    long missing = -1, previous = -1;
    var quiet = Stopwatch.StartNew();
    while (missing != 0 && quiet.Elapsed < TimeSpan.FromSeconds(10))
    {
        await Task.Delay(50);
        missing = expected.Sum(e => (long)Math.Max(0, watchersOf[e.Programme] - watchers.Delivered(e.EventId).Count));
        if (missing != previous)
            quiet.Restart();
        previous = missing;
    }
    return missing;
}

// Warm-up: one change per watched programme, so every stream is live (past its catch-up) before measuring.
clock.Restart();
var warm = await Task.WhenAll(Enumerable.Range(0, watched).Select(k => ReportAsync(k, "watch-warm")));
var warmMissing = await AwaitDeliveriesAsync(warm.SelectMany((w, k) => w.EventIds.Select(id => (k, id))));
Console.WriteLine($"warm-up: one change per watched programme reached every watcher in {clock.Elapsed.TotalSeconds:F1} s" +
    (warmMissing > 0 ? $" ({warmMissing} updates missing)" : ""));
// The warm-up ran the watch's code for the first time: the runtime recompiles the hot part optimised in the
// background soon after. Measuring meanwhile would give up to a tenth of the server's CPU to that compiler.
if (server is not null)
{
    var (waited, compiling) = await ServerThreads.JitSettledAsync(server.Id, quiet: TimeSpan.FromSeconds(1), limit: TimeSpan.FromSeconds(30));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"the server's tier-1 compilation idle for 1 s after {waited.TotalSeconds:F1} s ({compiling:F1} s of its CPU meanwhile)"));
}

// Open loop: command k is due at k / rate seconds, sent then whether or not earlier ones were answered.
var total = (int)(rate * watchSeconds);
var acks = new (long Ack, string[] EventIds)?[total];
var commandErrors = 0;
var sending = new Task[total];
machineBefore = MachineCpu.Sample(server);
var jitBefore = server is null ? 0 : ServerThreads.Sample(server.Id).JitSeconds;
using var gc = server is null ? null : ServerGc.Watch(server.Id, survivors: false, Console.Out);
var bytesBefore = watchers.UpdateBytes;
var start = Stopwatch.GetTimestamp();
async Task SendAsync(int k)
{
    try
    {
        acks[k] = await ReportAsync(k, "watch");
    }
    catch (Grpc.Core.RpcException e)
    {
        if (Interlocked.Increment(ref commandErrors) == 1)
            await Console.Error.WriteLineAsync($"first command error: {e.Message}");
    }
}
for (var k = 0; k < total;)
{
    var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
    for (; k < due; k++)
        sending[k] = SendAsync(k);
    if (k < total)
        await Task.Delay(1);
}
var sendingTime = Stopwatch.GetElapsedTime(start);
await Task.WhenAll(sending);
var missed = await AwaitDeliveriesAsync(Enumerable.Range(0, total)
    .Where(k => acks[k] is not null).SelectMany(k => acks[k]!.Value.EventIds.Select(id => (k % watched, id))));
gc?.Stop();
machineAfter = MachineCpu.Sample(server);
var watchCpu = machineAfter.Processes - machineBefore.Processes;
var machineDuringWatch = MachineCpu.Describe("the watched commands", machineBefore, machineAfter);
var watchJit = server is null ? 0 : ServerThreads.Sample(server.Id).JitSeconds - jitBefore;
var updateBytes = watchers.UpdateBytes - bytesBefore;
var watchTime = Stopwatch.GetElapsedTime(start);

// Per command: from its acknowledgement to the last watcher receiving the last of its events.
var delays = new List<double>(total);
var ackLatencies = new List<double>(total);
long updates = 0, events = 0, beforeAck = 0;
for (var k = 0; k < total; k++)
{
    if (acks[k] is not { } ack)
        continue;
    ackLatencies.Add(Milliseconds(ack.Ack - (start + (long)(k / rate * Stopwatch.Frequency))));
    var complete = true;
    var last = long.MinValue;
    foreach (var id in ack.EventIds)
    {
        var (count, received) = watchers.Delivered(id);
        updates += count;
        events++;
        complete &= count >= watchersOf[k % watched];
        last = Math.Max(last, received);
    }
    if (!complete || ack.EventIds.Length == 0)
        continue;
    if (last < ack.Ack)
        beforeAck++;
    delays.Add(Math.Max(0, Milliseconds(last - ack.Ack)));
}
delays.Sort();
ackLatencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ReportClaim open loop on the {watched} watched programmes (command k on programme k % {watched}), {commandConnections} connection(s): " +
    $"{total} sent in {sendingTime.TotalSeconds:F1} s = {total / sendingTime.TotalSeconds:F0}/s (asked {rate:F0}/s), {acks.Count(a => a is not null)} acknowledged, {commandErrors} errors; " +
    $"due -> ack p50 {Percentile(ackLatencies, 0.5):F1} ms, p99 {Percentile(ackLatencies, 0.99):F1} ms"));
Console.WriteLine($"delivered: {events} events ({delays.Count} commands) to every watcher of their programme, {updates} updates " +
    $"({updateBytes / 1e6:F0} MB, mean {updateBytes / 1e3 / Math.Max(1, updates):F1} kB: each carries its programme's whole state); missed updates: {missed}; last watcher before the ack: {beforeAck} commands; watch streams failed: {watchers.Failed}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ack -> last watcher: p50 {Percentile(delays, 0.5):F1} ms, p99 {Percentile(delays, 0.99):F1} ms, max {Percentile(delays, 1):F1} ms (aim: p99 < 50 ms at 1,000 commands/s)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"from the first command to the last delivery: {watchTime.TotalSeconds:F1} s, {CpuText(watchCpu)} (of the server's, tier-1 compilation {watchJit:F1} s)"));
Console.WriteLine(machineDuringWatch);
gc?.Print(Console.Out);

await watchers.DisposeAsync();
foreach (var client in queryClients.Concat(commandClients).Concat(watchClients))
    client.Dispose();
foreach (var channel in echoChannels)
    channel.Dispose();
return reads.Errors + echo.Errors + commandErrors + watchers.Failed == 0 && missed == 0 ? 0 : 1;

string CpuText(CpuTime used) => string.Create(CultureInfo.InvariantCulture,
    $"CPU: {(server is null ? "" : $"server {used.Server.TotalSeconds:F1} s, ")}this client {used.Bench.TotalSeconds:F1} s");

static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static void Print(string name, Load.Result r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{name,-36} {r.PerSecond,10:F0} {r.Percentile(0.50),8:F2} {r.Percentile(0.99),8:F2} {r.Percentile(1.0),8:F2} {r.Errors,7}"));
