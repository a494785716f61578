using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore;
using Registry.EventStore.SharedReader;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStoreDb.Tests;

/// <summary>
/// The store contract through the shared reader over the EventStoreDB protocol, as the registry runs in
/// production: positions are byte offsets with gaps, and filtered subscribers pass over other tests' streams.
/// A small window, so that subscribers leave it and come back.
/// </summary>
public sealed class SharedReaderContractTests(TestNodeFixture fixture) : EventStoreContract, IClassFixture<TestNodeFixture>
{
    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(
        new SharedLogStore(EventStoreDbStore.Connect(fixture.Node.ConnectionString()), NullLogger<SharedLogStore>.Instance, capacity: 16));
}
