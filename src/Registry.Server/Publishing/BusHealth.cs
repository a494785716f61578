using MassTransit;

namespace Registry.Server.Publishing;

/// <summary>The bus as health and Admin.GetStatus describe it: its transport, where it points, and whether it is connected.</summary>
internal sealed class BusHealth(IBusControl bus, BusOptions options, PublishingOptions publishing)
{
    public sealed record Report(string Transport, string Address, bool PublishingEnabled, bool Healthy, string Description);

    public Report Check()
    {
        var health = bus.CheckHealth();
        return new Report(
            options.Transport.ToString(),
            options.Transport == BusTransport.RabbitMq ? options.RabbitMq.ToString() : "in-memory",
            publishing.Enabled,
            health.Status == BusHealthStatus.Healthy,
            health.Description ?? health.Status.ToString());
    }
}
