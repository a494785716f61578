namespace Registry.EventStore;

/// <summary>
/// Implemented by a store that can be out of reach (a remote cluster): whether it can serve calls now. A store
/// that does not implement it (the embedded file) is always reachable while the process runs.
/// </summary>
public interface IStoreHealth
{
    /// <summary>Cheap: answers from the outcome of recent calls, and probes only when there were none.</summary>
    Task<StoreReachability> CheckReachableAsync(CancellationToken cancellationToken = default);
}

/// <summary>Whether the store is reachable, and a sentence for operators saying which node or why not.</summary>
public sealed record StoreReachability(bool Reachable, string Description);
