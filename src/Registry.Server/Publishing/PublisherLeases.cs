using Registry.EventStore;
using Registry.Projections.Publishing.Leases;
using Registry.Server.Storage;

namespace Registry.Server.Publishing;

/// <summary>
/// The lease of each publisher: in the log when the log is shared (EventStoreDB, several instances), held by
/// this process alone on the embedded store (one process per log).
/// </summary>
internal sealed class PublisherLeases(IEventStore store, StorageOptions storage, PublishingOptions publishing, ILoggerFactory loggers)
{
    public IPublisherLease For(string publisher) => storage.Provider == StorageOptions.EventStoreDbProvider
        ? new LogLease(store, publisher, publishing.Instance, publishing.Lease, loggers.CreateLogger<LogLease>())
        : new SoleHolderLease(publishing.Instance);
}
