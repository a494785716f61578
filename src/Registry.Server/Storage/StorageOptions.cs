namespace Registry.Server.Storage;

/// <summary>Where the embedded store keeps its files (section "Storage").</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The folder holding the event log (events.db) and the read models (read-models.db). Relative paths are
    /// taken from the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = "registry-data";

    public string EventLogPath => Path.Combine(Path.GetFullPath(DataDirectory), "events.db");

    public string ReadModelPath => Path.Combine(Path.GetFullPath(DataDirectory), "read-models.db");
}
