// Usage (bench/commands.sh starts the servers and runs this):
//   Registry.Commands.Bench --commands http://127.0.0.1:P --echo http://127.0.0.1:Q --credentials-file FILE
//       [--callers 64] [--programmes 1000] [--seconds 10] [--warmup 5] [--channels 1] [--server-pid PID] [--echo-pid PID] [--store NAME] [--survivors 1]
// Announces the programmes, then measures durable ReportClaim commands against Registry.Server and the
// unary Echo of Registry.Grpc.Bench (mode grpc, a Grpc.AspNetCore service) with the same callers, the same client and the same channels.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Registry.Bench;
using Registry.Commands.Bench;
using Grpc.Net.Client;
using Registry.Client;
using Registry.Grpc.Bench.Protos;
using Registry.Samples;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();
if (config["commands"] is not { } commandsAddress || config["echo"] is not { } echoAddress)
{
    await Console.Error.WriteLineAsync("usage: --commands URL --echo URL [--callers 64] [--programmes 1000] [--seconds 10] [--warmup 5] [--channels 1]");
    return 2;
}
var callers = config.GetValue("callers", 64);
var programmes = config.GetValue("programmes", 1000);
var seconds = TimeSpan.FromSeconds(config.GetValue("seconds", 10.0));
var warmup = TimeSpan.FromSeconds(config.GetValue("warmup", 5.0));
var channelCount = config.GetValue("channels", 1);
// The server's event log, as the script started it (only printed).
var store = config["store"] ?? "store not named";
// The server's CPU time per command (its projections and publisher included) is a figure that stays
// comparable when other work shares the machine, unlike calls/s.
using var server = config["server-pid"] is { } pid ? Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)) : null;
using var echoServer = config["echo-pid"] is { } echoPid ? Process.GetProcessById(int.Parse(echoPid, CultureInfo.InvariantCulture)) : null;

// Each GrpcChannel is its own SocketsHttpHandler, i.e. its own HTTP/2 connection while its calls in flight
// stay under the server's stream limit (Kestrel: 100); caller i uses channel i % channels.
// The registry's commands need a credential (the development key of the server the script started).
var credential = config["credentials-file"] is { } file ? Registry.Client.Credentials.Credential.Parse(File.ReadAllText(file)) : null;
var commandClients = Enumerable.Range(0, channelCount)
    .Select(_ => RegistryClient.Connect(new Uri(commandsAddress), new CallContext(credential))).ToArray();
var echoChannels = Enumerable.Range(0, channelCount).Select(_ => GrpcChannel.ForAddress(new Uri(echoAddress))).ToArray();
var echoClients = echoChannels.Select(channel => new Echo.EchoClient(channel)).ToArray();

var programIds = Enumerable.Range(0, programmes).Select(i => $"bench-programme-{i:D5}").ToArray();
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(programIds, new ParallelOptions { MaxDegreeOfParallelism = callers },
    async (id, cancellationToken) => await commandClients[0].Commands.AnnounceProgramAsync(SampleRequests.Announce(id), cancellationToken: cancellationToken));
Console.WriteLine($"announced {programmes} programmes in {clock.Elapsed.TotalSeconds:F1} s");

var run = Guid.NewGuid().ToString("N")[..8];
Task ReportAsync(int caller, long n, string phase)
{
    var commandId = $"{run}-{phase}-{caller}-{n}";
    var programId = programIds[(int)((caller * 7919L + n * 64) % programIds.Length)];
    return commandClients[caller % channelCount].Commands.ReportClaimAsync(SampleRequests.Attribute(programId, $"c-{phase}-{caller}-{n}", commandId, (int)(n % 1000))).ResponseAsync;
}
var echoRequest = new EchoRequest { Text = "registry bench: unary echo" };
Task EchoAsync(int caller) => echoClients[caller % channelCount].UnaryAsync(echoRequest).ResponseAsync;

Console.WriteLine($"commands: warm-up {warmup.TotalSeconds} s, then {seconds.TotalSeconds} s with {callers} callers over {channelCount} connection(s)");
await Load.RunAsync(callers, warmup, (c, n) => ReportAsync(c, n, "w"));
// Sampled over a connection of its own, so that the samples do not queue behind the commands.
using var statusClient = RegistryClient.Connect(new Uri(commandsAddress), new CallContext(credential));
var lag = new FollowerLag(statusClient.Admin, TimeSpan.FromMilliseconds(250));
using var stopSampling = new CancellationTokenSource();
var sampling = lag.RunAsync(stopSampling.Token);
using var gc = server is null ? null : ServerGc.Watch(server.Id, config["survivors"] == "1", Console.Out);
var threadsBefore = server is null ? null : ServerThreads.Sample(server.Id);
var machineBefore = MachineCpu.Sample(server);
var commands = await Load.RunAsync(callers, seconds, (c, n) => ReportAsync(c, n, "m"));
var machineDuringCommands = MachineCpu.Describe("the commands", machineBefore, MachineCpu.Sample(server));
gc?.Stop();
await stopSampling.CancelAsync();
await sampling;
lag.Print(seconds);
gc?.Print(Console.Out);

// The projection follows behind: how far, and how long until it is live at the head (the echo must not
// be measured while the registry still projects).
var status = await commandClients[0].Admin.GetStatusAsync(new Registry.V1.GetStatusRequest());
var lagAtEnd = status.Followers.Where(f => f.Kind == Registry.V1.FollowerStatus.Types.Kind.Projection).Select(f => $"{f.Name} lag {f.Lag}");
clock.Restart();
while ((await commandClients[0].Admin.GetStatusAsync(new Registry.V1.GetStatusRequest())).Followers.Any(f => f.Lag > 0))
    await Task.Delay(50);
Console.WriteLine($"at the end of the commands: head {status.Head.Commit}, {string.Join(", ", lagAtEnd)}; all followers at the head {clock.Elapsed.TotalSeconds:F1} s later");
if (server is not null)
{
    var used = CpuTime.Of(server).Server - machineBefore.Processes.Server;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"server CPU per command, projections and publishing included: {used.TotalMicroseconds / commands.Completed:F0} us"));
    Console.WriteLine($"  by thread: {ServerThreads.PerCommand(threadsBefore!, ServerThreads.Sample(server.Id), used, commands.Completed)}");
}

Console.WriteLine($"echo: warm-up {warmup.TotalSeconds} s, then {seconds.TotalSeconds} s, same callers and connections");
await Load.RunAsync(callers, warmup, (c, _) => EchoAsync(c));
var echoBefore = MachineCpu.Sample(echoServer);
var echo = await Load.RunAsync(callers, seconds, (c, _) => EchoAsync(c));
var machineDuringEcho = MachineCpu.Describe("the echo", echoBefore, MachineCpu.Sample(echoServer));

Console.WriteLine();
Console.WriteLine($"{callers} callers, {channelCount} HTTP/2 connection(s) per server, {Environment.ProcessorCount} cores, {seconds.TotalSeconds} s measured after {warmup.TotalSeconds} s warm-up");
Console.WriteLine($"Registry.Server's event log: {store}");
Console.WriteLine($"{"",-48} {"calls/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
Print($"ReportClaim on {store}", commands);
Print("Echo.Unary (grpc-dotnet, bare)", echo);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"commands / echo = {100 * commands.PerSecond / echo.PerSecond:F1}%"));
Console.WriteLine(machineDuringCommands);
Console.WriteLine(machineDuringEcho);
foreach (var client in commandClients)
    client.Dispose();
foreach (var channel in echoChannels)
    channel.Dispose();
return commands.Errors + echo.Errors == 0 ? 0 : 1;

static void Print(string name, Load.Result r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{name,-48} {r.PerSecond,10:F0} {r.Percentile(0.50),8:F2} {r.Percentile(0.99),8:F2} {r.Percentile(1.0),8:F2} {r.Errors,7}"));
