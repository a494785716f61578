namespace Registry.Server.Storage;

/// <summary>Where the registry keeps its event log and read models (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Sqlite = "Sqlite";
    public const string EventStoreDbProvider = "EventStoreDb";

    /// <summary>The event log: <c>Sqlite</c> (embedded file, the default) or <c>EventStoreDb</c> (a node or cluster).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The folder holding the embedded event log (events.db) and, whatever the provider, the read models
    /// (read-models.db). Relative paths are taken from the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = "registry-data";

    /// <summary>For <c>Provider=EventStoreDb</c>.</summary>
    public EventStoreDbStorageOptions EventStoreDb { get; set; } = new();

    public string EventLogPath => Path.Combine(Path.GetFullPath(DataDirectory), "events.db");

    public string ReadModelPath => Path.Combine(Path.GetFullPath(DataDirectory), "read-models.db");
}

/// <summary>Section "Storage:EventStoreDb".</summary>
public sealed class EventStoreDbStorageOptions
{
    /// <summary>As EventStoreDB users write it, e.g. <c>esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true</c>.</summary>
    public string? ConnectionString { get; set; }
}
