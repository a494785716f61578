// Usage: Registry.EventStore.Bench [--dir PATH] [--events N] [--seconds S]
// Measures, on the disk holding --dir: the machine's limits (raw fsync/s, SQLite bulk insert), durable
// single-event appends with 1, 16 and 64 writers, and reading and rebuilding over N events.
using Microsoft.Extensions.Configuration;
using Registry.EventStore.Bench;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var directory = config["dir"] ?? Path.Combine(Path.GetTempPath(), "registry-bench");
var events = int.Parse(config["events"] ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
var seconds = double.Parse(config["seconds"] ?? "5", System.Globalization.CultureInfo.InvariantCulture);

if (Directory.Exists(directory))
    Directory.Delete(directory, recursive: true);
Directory.CreateDirectory(directory);
var report = new Report();
try
{
    Console.WriteLine($"== event store benchmark in {directory}: {Environment.ProcessorCount} cores");
    MachineLimits.Measure(directory, TimeSpan.FromSeconds(Math.Min(seconds, 3)), report);
    await Appends.MeasureAsync(directory, [1, 16, 64], TimeSpan.FromSeconds(seconds), report);
    await Replay.MeasureAsync(directory, events, report);
}
finally
{
    Directory.Delete(directory, recursive: true);
}
report.Print();
