using System.Text.Json;
using Registry.Testing;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// The independent subscriber (tests/interop/python/bus_subscriber.py: pika, its own durable queue bound to
/// a message type's exchange, ProgramStateChanged's by default) run as a separate process; what it received, message by message.
/// </summary>
internal sealed class BusSubscriber(RabbitMqBroker broker, string queue, string programPrefix, string exchange = Deliveries.Exchange)
{
    /// <param name="SenderProcessId">The publishing process, from MassTransit's envelope (host.processId).</param>
    public sealed record Received(Guid AmqpMessageId, Guid EnvelopeMessageId, bool Persistent, string Exchange, string ProgramId, long Version, Guid EventId,
        JsonElement Message, int? SenderProcessId);

    private static string Script => Path.Combine(ThirdPartyClient.RepoRoot, "tests", "interop", "python", "bus_subscriber.py");

    /// <summary>Declares the queue and its binding and exits: from now on the broker keeps the messages for it.</summary>
    public async Task DeclareAsync()
    {
        var result = await ThirdPartyClient.RunAsync("/usr/bin/python3", [Script, "--url", broker.Address.ToString(), "--queue", queue, "--exchange", exchange, "--declare-only"], ThirdPartyClient.RepoRoot);
        ThirdPartyClient.AssertPassed("pika subscriber", "declare", queue, result);
    }

    /// <summary>Consumes until it has seen <paramref name="count"/> distinct message ids of this test's programmes (and a quiet second).</summary>
    public async Task<IReadOnlyList<Received>> ConsumeAsync(int count)
    {
        var result = await ThirdPartyClient.RunAsync("/usr/bin/python3",
            [Script, "--url", broker.Address.ToString(), "--queue", queue, "--exchange", exchange, "--program-prefix", programPrefix, "--count", $"{count}", "--timeout", "80"],
            ThirdPartyClient.RepoRoot);
        ThirdPartyClient.AssertPassed("pika subscriber", "consume", queue, result);
        return result.Output.Split('\n')
            .Where(line => line.StartsWith("stdout: ", StringComparison.Ordinal))
            .Select(line => Parse(line["stdout: ".Length..]))
            .ToList();
    }

    private static Received Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var envelope = root.GetProperty("envelope");
        var message = envelope.GetProperty("message").Clone();
        return new Received(
            Guid.Parse(root.GetProperty("amqpMessageId").GetString()!),
            Guid.Parse(envelope.GetProperty("messageId").GetString()!),
            root.GetProperty("persistent").GetBoolean(),
            root.GetProperty("exchange").GetString()!,
            message.GetProperty("programId").GetString()!,
            message.GetProperty("version").GetInt64(),
            Guid.Parse(message.GetProperty("eventId").GetString()!),
            message,
            envelope.TryGetProperty("host", out var host) && host.TryGetProperty("processId", out var pid) ? pid.GetInt32() : null);
    }
}
