using MassTransit;
using Registry.Projections.Publishing;

namespace Registry.Server.Publishing;

/// <summary>
/// The bus as health and Admin.GetStatus describe it: its transport, where it points, and whether it works:
/// its receive endpoints are up (MassTransit's health) and the last publish was confirmed. It also names the
/// publishers whose messages nobody could receive (in memory, no consumer in this process): they publish nothing.
/// </summary>
internal sealed class BusHealth(
    IBusControl bus,
    BusOptions options,
    PublishingOptions publishing,
    PublishOutcomes outcomes,
    BusAudience audience,
    IEnumerable<IMessageMapper> mappers)
{
    private readonly string? _unheard = Unheard(publishing, audience, mappers);

    public sealed record Report(string Transport, string Address, bool PublishingEnabled, bool Healthy, string Description);

    public Report Check()
    {
        var health = bus.CheckHealth();
        var failing = outcomes.Failing;
        var description = failing is null
            ? health.Description ?? health.Status.ToString()
            : $"publishing has failed since {failing.Since:u}: {failing.Error}";
        if (_unheard is not null)
            description += $"; no consumer in this process for {_unheard}: these publishers move their checkpoints without publishing (the in-memory bus reaches this process only)";
        return new Report(
            options.Transport.ToString(),
            options.Transport == BusTransport.RabbitMq ? options.RabbitMq.ToString() : "in-memory",
            publishing.Enabled,
            health.Status == BusHealthStatus.Healthy && failing is null,
            description);
    }

    private static string? Unheard(PublishingOptions publishing, BusAudience audience, IEnumerable<IMessageMapper> mappers)
    {
        var unheard = mappers.Where(m => !m.MessageTypes.Any(audience.HasAudience))
            .Select(m => $"{m.Name} ({string.Join(", ", m.MessageTypes.Select(t => t.Name))})").ToList();
        return publishing.Enabled && unheard.Count > 0 ? string.Join(", ", unheard) : null;
    }
}
