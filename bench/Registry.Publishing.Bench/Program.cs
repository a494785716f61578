// Usage (bench/publishing.sh starts RabbitMQ and runs this):
//   Registry.Publishing.Bench --rabbitmq-port P [--messages 50000] [--catch-up 30000] [--rate 1000] [--seconds 20] [--warmup 5]
// (1) the sink alone: prebuilt ProgramStateChanged messages in batches of 500, all in flight, with confirms;
// (2) the publisher catching up: CATCH_UP commands recorded with publishing off, then a host with publishing on
//     until its checkpoint reaches the head (mapping, confirms, checkpoints);
// (3) RATE commands/s sustained through gRPC: commit-to-confirmed lag p50/p99/max of ProgramStateChanged.
using Microsoft.Extensions.Configuration;
using Registry.Publishing.Bench;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();
if (config["rabbitmq-port"] is not { } port)
{
    await Console.Error.WriteLineAsync("usage: --rabbitmq-port P [--messages 50000] [--catch-up 30000] [--rate 1000] [--seconds 20] [--warmup 5]");
    return 2;
}
string[] bus = ["--Bus:Transport=RabbitMq", "--Bus:RabbitMq:Host=127.0.0.1", $"--Bus:RabbitMq:Port={port}"];
var messages = config.GetValue("messages", 50_000);
var catchUp = config.GetValue("catch-up", 30_000);
var rate = config.GetValue("rate", 1000);
var seconds = TimeSpan.FromSeconds(config.GetValue("seconds", 20.0));
var warmup = TimeSpan.FromSeconds(config.GetValue("warmup", 5.0));

var sinkRate = await Scenarios.SinkAloneAsync(bus, messages);
Console.WriteLine($"(1) sink alone: {messages} messages in batches of 500 with confirms: {sinkRate:F0} msgs/s");

var (published, elapsed) = await Scenarios.CatchUpAsync(bus, catchUp);
Console.WriteLine($"(2) publisher catching up: {published} messages (ProgramStateChanged) in {elapsed.TotalSeconds:F2} s: {published / elapsed.TotalSeconds:F0} msgs/s");

var sustained = await Scenarios.SustainedAsync(bus, rate, warmup, seconds);
Console.WriteLine($"(3) {rate} commands/s for {seconds.TotalSeconds:F0} s (after {warmup.TotalSeconds:F0} s warm-up): {sustained.Achieved:F0} commands/s acknowledged, " +
    $"{sustained.Lags.Length} state changes confirmed; commit-to-confirmed lag p50 {Ms(sustained.Lags, 0.50)} ms, p99 {Ms(sustained.Lags, 0.99)} ms, " +
    $"max {Ms(sustained.Lags, 1.0)} ms");
return 0;

static string Ms(TimeSpan[] sorted, double quantile) => sorted.Length == 0
    ? "n/a"
    : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)].TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
