using MassTransit;
using Registry.Projections.Publishing;

namespace Registry.Server.Publishing;

internal static class BusServices
{
    /// <summary>The embedded default: MassTransit's in-memory transport, consumers registered by the caller.</summary>
    public static IServiceCollection AddBus(this IServiceCollection services, Action<IBusRegistrationConfigurator>? consumers)
    {
        services.AddMassTransit(bus =>
        {
            consumers?.Invoke(bus);
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        services.AddSingleton<IMessageSink, MassTransitMessageSink>();
        return services;
    }
}
