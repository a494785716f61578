using Microsoft.Extensions.Logging.Abstractions;
using Registry.EventStore.SharedReader;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStore.Tests.SharedReader;

/// <summary>
/// The store contract through the shared reader, on a real SQLite file. The window is tiny, so that the tests'
/// bursts push subscribers out of it and back onto catching up by themselves, and in again.
/// </summary>
public sealed class SharedLogStoreContractTests : EventStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(new SharedLogStore(
        SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("log.db"), ReadPageSize = 256 }),
        NullLogger<SharedLogStore>.Instance, capacity: 8));

    public void Dispose() => _folder.Dispose();
}
