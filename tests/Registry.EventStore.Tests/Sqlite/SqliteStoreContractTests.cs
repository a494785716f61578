using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStore.Tests.Sqlite;

/// <summary>The store contract against the embedded SQLite store on a real file.</summary>
public sealed class SqliteStoreContractTests : EventStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IEventStore> CreateStoreAsync() =>
        Task.FromResult<IEventStore>(SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File("log.db"), ReadPageSize = 256 }));

    public void Dispose() => _folder.Dispose();
}
