using System.Collections.Frozen;
using System.Security.Claims;
using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>The API keys the registry accepts, held as SHA-256 hashes: a presented key is hashed and looked up.</summary>
internal sealed class ApiKeyTable
{
    private readonly FrozenDictionary<string, Entry> _byHash;
    private readonly FrozenDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byHashText;

    public ApiKeyTable(IEnumerable<Entry> entries)
    {
        _byHash = entries.ToFrozenDictionary(e => e.Hash, StringComparer.Ordinal);
        _byHashText = _byHash.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal sealed record Entry(string Name, string Hash, IReadOnlySet<string> Roles, bool Revoked)
    {
        /// <summary>
        /// The key's principal, built once and given to every call the key authenticates: nothing in the registry
        /// changes a call's principal (no claims transformation), so sharing it is safe and saves building one per call.
        /// </summary>
        public ClaimsPrincipal Principal { get; } = Principals.Create(Name, Roles, ApiKeyAuthenticationHandler.SchemeName);
    }

    /// <summary>The key's entry, or why the key proves nothing (safe to tell the caller and the log).</summary>
    public (Entry? Entry, string? Failure) Find(string key)
    {
        if (!TryFind(key, out var entry))
            return (null, "the API key is not valid");
        return entry.Revoked ? (null, $"the API key '{entry.Name}' has been revoked") : (entry, null);
    }

    // Every call is authenticated: the hash is written on the stack and looked up as characters, allocating nothing.
    private bool TryFind(string key, out Entry entry)
    {
        Span<char> hash = stackalloc char[ApiKeys.HashLength];
        ApiKeys.WriteHash(key, hash);
        return _byHashText.TryGetValue(hash, out entry!);
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
