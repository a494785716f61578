namespace Registry.Server.Publishing;

/// <summary>Which transport carries the bus (section "Bus").</summary>
public sealed class BusOptions
{
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();
}

public enum BusTransport
{
    /// <summary>MassTransit's in-memory transport: subscribers only inside this process (the embedded default).</summary>
    InMemory,

    /// <summary>A RabbitMQ broker (or cluster) at <see cref="BusOptions.RabbitMq"/>.</summary>
    RabbitMq,
}
