using System.Security.Authentication;
using MassTransit;
using Registry.Projections.Publishing;

namespace Registry.Server.Publishing;

internal static class BusServices
{
    /// <summary>
    /// The bus on the configured transport (section "Bus"): MassTransit's in-memory transport by default,
    /// RabbitMQ with publisher confirms when <c>Bus:Transport</c> is <c>RabbitMq</c>; consumers registered by the caller.
    /// </summary>
    public static IServiceCollection AddBus(this IServiceCollection services, IConfiguration configuration, Action<IBusRegistrationConfigurator>? consumers)
    {
        var options = configuration.GetSection("Bus").Get<BusOptions>() ?? new BusOptions();
        var publishing = configuration.GetSection("Publishing").Get<PublishingOptions>() ?? new PublishingOptions();
        if (publishing.Lease.Problems().ToList() is { Count: > 0 } problems)
            throw new InvalidOperationException("Publishing settings are not usable:" + string.Concat(problems.Select(p => Environment.NewLine + " - " + p)));
        services.AddSingleton(options);
        services.AddSingleton<PublisherLeases>();
        services.AddSingleton(publishing);
        services.AddSingleton<BusHealth>();
        services.AddSingleton<PublishOutcomes>();
        services.AddMassTransit(bus =>
        {
            consumers?.Invoke(bus);
            if (options.Transport == BusTransport.RabbitMq)
                bus.UsingRabbitMq((context, transport) =>
                {
                    UseBroker(transport, options.RabbitMq);
                    transport.UseContractsJson();
                    transport.ConfigureEndpoints(context);
                });
            else
                bus.UsingInMemory((context, transport) =>
                {
                    transport.UseContractsJson();
                    transport.ConfigureEndpoints(context);
                });
        });
        // In memory, in-process consumers are bound before anything is published. A broker may be down when
        // the registry starts: commands go on (the log is the outbox) and the publisher retries until it is back.
        services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = options.Transport == BusTransport.InMemory);
        services.AddSingleton(provider => options.Transport == BusTransport.InMemory ? BusAudience.InProcess(provider) : BusAudience.Everybody);
        services.AddSingleton<IMessageSink>(provider =>
        {
            var sink = new MassTransitMessageSink(provider.GetRequiredService<IBus>(), provider.GetRequiredService<BusAudience>(), publishing.ConfirmTimeout,
                provider.GetRequiredService<PublishOutcomes>());
            return publishing.TestKillAfterConfirmedMessages is { } count ? new KillAfterConfirmSink(sink, count) : sink;
        });
        return services;
    }

    private static void UseBroker(IRabbitMqBusFactoryConfigurator transport, RabbitMqOptions broker) =>
        transport.Host(broker.Host, broker.EffectivePort, broker.VirtualHost, "registry", host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
            // A publish completes only when the broker has taken responsibility for the message.
            host.PublisherConfirmation = true;
            if (broker.UseTls)
                host.UseSsl(tls =>
                {
                    tls.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                    tls.ServerName = broker.Host;
                });
        });
}
