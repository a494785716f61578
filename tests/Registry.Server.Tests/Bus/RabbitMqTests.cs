namespace Registry.Server.Tests.Bus;

/// <summary>The tests with real RabbitMQ nodes take turns: each starts registries, subscriber processes and sometimes its own node.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqTests
{
    public const string Name = "RabbitMQ";
}
