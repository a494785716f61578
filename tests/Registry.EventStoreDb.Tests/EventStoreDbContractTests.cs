using Registry.EventStore;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStoreDb.Tests;

/// <summary>
/// The store contract against Registry.EventStoreDb speaking the EventStoreDB protocol to a conformance node
/// (whose own behaviour the official clients vouch for: OfficialClientConformanceTests).
/// </summary>
public sealed class EventStoreDbContractTests(TestNodeFixture fixture) : EventStoreContract, IClassFixture<TestNodeFixture>
{
    protected override Task<IEventStore> CreateStoreAsync() =>
        Task.FromResult<IEventStore>(EventStoreDbStore.Connect(fixture.Node.ConnectionString()));
}
