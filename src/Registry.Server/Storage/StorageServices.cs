using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.Projections;

namespace Registry.Server.Storage;

internal static class StorageServices
{
    /// <summary>The embedded default: the log and the read models in SQLite files under the data directory.</summary>
    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(options);
        services.AddSingleton<IEventStore>(_ => SqliteEventStore.Open(new SqliteEventStoreOptions { Path = options.EventLogPath }));
        services.AddSingleton(_ => new ReadModelDatabase(options.ReadModelPath));
        return services;
    }
}
