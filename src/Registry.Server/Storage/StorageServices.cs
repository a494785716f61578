using Registry.EventStore;
using Registry.EventStore.SharedReader;
using Registry.EventStore.Sqlite;
using Registry.EventStoreDb;
using Registry.EventStoreDb.Connection;
using Registry.Projections;

namespace Registry.Server.Storage;

internal static class StorageServices
{
    /// <summary>
    /// The event log chosen by Storage:Provider (the embedded SQLite file by default, or EventStoreDB), and the
    /// read models, always in SQLite under the data directory: each registry instance keeps its own.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(options);
        var log = EventLog(options);
        // Every follower of the log in this process (projections, publishers, watches) shares one reader of it.
        services.AddSingleton<IEventStore>(provider => new SharedLogStore(log(provider), provider.GetRequiredService<ILogger<SharedLogStore>>()));
        services.AddSingleton(_ => new ReadModelDatabase(options.ReadModelPath));
        return services;
    }

    private static Func<IServiceProvider, IEventStore> EventLog(StorageOptions options)
    {
        if (string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
            return _ => SqliteEventStore.Open(new SqliteEventStoreOptions { Path = options.EventLogPath });
        if (!string.Equals(options.Provider, StorageOptions.EventStoreDbProvider, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is unknown: use {StorageOptions.Sqlite} or {StorageOptions.EventStoreDbProvider}.");
        if (string.IsNullOrWhiteSpace(options.EventStoreDb.ConnectionString))
            throw new InvalidOperationException("Storage:Provider is EventStoreDb but Storage:EventStoreDb:ConnectionString is not set.");
        // Parsed now, so that a bad connection string stops the start with its reason.
        var settings = ConnectionString.Parse(options.EventStoreDb.ConnectionString);
        return services => new EventStoreDbStore(settings, services.GetRequiredService<ILogger<EventStoreDbStore>>());
    }
}
