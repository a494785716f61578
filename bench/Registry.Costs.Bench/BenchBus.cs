using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Registry.Contracts;
using Registry.Projections.Publishing;
using Registry.Server.Publishing;

namespace Registry.Costs.Bench;

/// <summary>
/// The registry's own bus composition (<see cref="BusServices.AddBus"/>: transport, serializer, confirms, audience)
/// outside any host, optionally with a consumer of ProgramStateChanged in this process that counts what it receives.
/// </summary>
internal sealed class BenchBus : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IBusControl _bus;

    private BenchBus(ServiceProvider provider)
    {
        _provider = provider;
        _bus = provider.GetRequiredService<IBusControl>();
    }

    public IMessageSink Sink => _provider.GetRequiredService<IMessageSink>();

    public StateReceipts Receipts => _provider.GetRequiredService<StateReceipts>();

    /// <param name="settings">Bus settings as on the server's command line, e.g. --Bus:Transport=RabbitMq.</param>
    public static async Task<BenchBus> StartAsync(bool consumer, params string[] settings)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(settings).Build();
        var services = new ServiceCollection().AddSingleton<StateReceipts>();
        services.AddBus(configuration, consumer ? bus => bus.AddConsumer<StateCounter>() : null);
#pragma warning disable ASP0000 // a bus on its own, outside any host
        var provider = services.BuildServiceProvider();
#pragma warning restore ASP0000
        var bench = new BenchBus(provider);
        await bench._bus.StartAsync();
        return bench;
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>How many state messages the consumer received, and their bytes on the wire (the MassTransit envelope).</summary>
    public sealed class StateReceipts
    {
        private long _count;
        private long _bytes;

        public long Count => Interlocked.Read(ref _count);

        public long Bytes => Interlocked.Read(ref _bytes);

        public void Received(long bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            Interlocked.Increment(ref _count);
        }
    }

    public sealed class StateCounter(StateReceipts receipts) : IConsumer<ProgramStateChanged>
    {
        public Task Consume(ConsumeContext<ProgramStateChanged> context)
        {
            receipts.Received(context.ReceiveContext.Body.Length ?? context.ReceiveContext.Body.GetBytes().Length);
            return Task.CompletedTask;
        }
    }
}
