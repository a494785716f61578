using System.Collections.Frozen;
using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>The API keys the registry accepts, held as SHA-256 hashes: a presented key is hashed and looked up.</summary>
internal sealed class ApiKeyTable
{
    private readonly FrozenDictionary<string, Entry> _byHash;

    public ApiKeyTable(IEnumerable<Entry> entries) =>
        _byHash = entries.ToFrozenDictionary(e => e.Hash, StringComparer.Ordinal);

    internal sealed record Entry(string Name, string Hash, IReadOnlySet<string> Roles, bool Revoked);

    /// <summary>The key's entry, or why the key proves nothing (safe to tell the caller and the log).</summary>
    public (Entry? Entry, string? Failure) Find(string key)
    {
        if (!_byHash.TryGetValue(ApiKeys.HashOf(key), out var entry))
            return (null, "the API key is not valid");
        return entry.Revoked ? (null, $"the API key '{entry.Name}' has been revoked") : (entry, null);
    }

    /// <summary>The configured keys; every problem (a hash that is not SHA-256 hex, an unknown role) named.</summary>
    public static IEnumerable<Entry> FromOptions(IReadOnlyDictionary<string, ApiKeyOptions> keys, List<string> problems)
    {
        foreach (var (name, key) in keys)
        {
            var hash = key.Hash?.Trim().ToLowerInvariant() ?? string.Empty;
            if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
                problems.Add($"Auth:ApiKeys:{name}:Hash must be the key's SHA-256 as 64 hex digits");
            var roles = Roles.ParseList(key.Roles);
            foreach (var unknown in roles.Where(r => !Roles.IsKnown(r)))
                problems.Add($"Auth:ApiKeys:{name}:Roles names an unknown role '{unknown}' (known: {string.Join(", ", Roles.All)})");
            if (roles.Count == 0)
                problems.Add($"Auth:ApiKeys:{name}:Roles is empty");
            yield return new Entry(name, hash, Roles.Expand(roles), key.Revoked);
        }
    }
}
