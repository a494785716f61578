namespace Registry.Server.Publishing;

/// <summary>
/// Where the RabbitMQ broker is (section "Bus:RabbitMq"). The password comes from the environment
/// (REGISTRY_Bus__RabbitMq__Password) or a configuration file kept outside the repository.
/// </summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    /// <summary>The AMQP port; null for the protocol's default (5672, or 5671 with TLS).</summary>
    public int? Port { get; set; }

    public string VirtualHost { get; set; } = "/";

    /// <summary>RabbitMQ's own default user, which a stock broker accepts from loopback only.</summary>
    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    public bool UseTls { get; set; }

    public ushort EffectivePort => (ushort)(Port ?? (UseTls ? 5671 : 5672));

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Host}:{EffectivePort}/{Uri.EscapeDataString(VirtualHost)}";
}
