using MassTransit;

namespace Registry.Server.Publishing;

/// <summary>
/// The bus as health and Admin.GetStatus describe it: its transport, where it points, and whether it works:
/// its receive endpoints are up (MassTransit's health) and the last publish was confirmed.
/// </summary>
internal sealed class BusHealth(IBusControl bus, BusOptions options, PublishingOptions publishing, PublishOutcomes outcomes)
{
    public sealed record Report(string Transport, string Address, bool PublishingEnabled, bool Healthy, string Description);

    public Report Check()
    {
        var health = bus.CheckHealth();
        var failing = outcomes.Failing;
        var description = failing is null
            ? health.Description ?? health.Status.ToString()
            : $"publishing has failed since {failing.Since:u}: {failing.Error}";
        return new Report(
            options.Transport.ToString(),
            options.Transport == BusTransport.RabbitMq ? options.RabbitMq.ToString() : "in-memory",
            publishing.Enabled,
            health.Status == BusHealthStatus.Healthy && failing is null,
            description);
    }
}
