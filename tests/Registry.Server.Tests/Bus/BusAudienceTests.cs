using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Registry.Contracts;
using Registry.Server.Publishing;

namespace Registry.Server.Tests.Bus;

/// <summary>Who could receive a message type on the in-memory bus: what the consumers registered with MassTransit consume.</summary>
public sealed class BusAudienceTests
{
    [Fact]
    public void Nobody_without_consumers()
    {
        var audience = AudienceOf(_ => { });

        Assert.False(audience.HasAudience(typeof(ProgramStateChanged)));
    }

    [Fact]
    public void A_consumer_hears_its_message_type_only()
    {
        var audience = AudienceOf(bus => bus.AddConsumer<ProgramStateChangedTests.Collector>());

        Assert.True(audience.HasAudience(typeof(ProgramStateChanged)));
        Assert.False(audience.HasAudience(typeof(ProgramReportDenied)));
    }

    [Fact]
    public void Consumers_of_a_batch_or_of_a_base_type_hear_what_is_published_as_it()
    {
        Assert.True(AudienceOf(bus => bus.AddConsumer<BatchOfStates>()).HasAudience(typeof(ProgramStateChanged)));
        Assert.True(AudienceOf(bus => bus.AddConsumer<AnyRecord>()).HasAudience(typeof(ProgramClaimCorrected)));
    }

    [Fact]
    public void Handlers_count_as_consumers()
    {
        var audience = AudienceOf(bus => bus.AddHandler<ProgramReportDenied>());

        Assert.True(audience.HasAudience(typeof(ProgramReportDenied)));
        Assert.False(audience.HasAudience(typeof(ProgramStateChanged)));
    }

    [Fact]
    public void RabbitMq_subscribers_are_elsewhere_so_anybody_may_hear()
    {
        Assert.True(BusAudience.Everybody.HasAudience(typeof(ProgramStateChanged)));
    }

    private static BusAudience AudienceOf(Action<IBusRegistrationConfigurator> consumers)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(bus =>
        {
            consumers(bus);
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        using var provider = services.BuildServiceProvider();
        return BusAudience.InProcess(provider);
    }

    public sealed class BatchOfStates : IConsumer<Batch<ProgramStateChanged>>
    {
        public Task Consume(ConsumeContext<Batch<ProgramStateChanged>> context) => Task.CompletedTask;
    }

    public sealed class AnyRecord : IConsumer<IEquatable<ProgramClaimCorrected>>
    {
        public Task Consume(ConsumeContext<IEquatable<ProgramClaimCorrected>> context) => Task.CompletedTask;
    }
}
