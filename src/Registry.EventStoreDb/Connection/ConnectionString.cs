using System.Globalization;

namespace Registry.EventStoreDb.Connection;

/// <summary>
/// Connection strings as EventStoreDB and KurrentDB users write them:
/// <c>esdb://[user:password@]host[:port][,host[:port]...][/]?tls=false&amp;nodePreference=follower</c>. Schemes
/// <c>esdb</c>, <c>kurrentdb</c>, <c>kurrent</c>, <c>kdb</c>, each optionally <c>+discover</c> (find the node through
/// gossip). Keys are case-insensitive; one the client does not know is an error, never silently ignored.
/// </summary>
public static class ConnectionString
{
    private static readonly string[] Schemes = ["esdb", "kurrentdb", "kurrent", "kdb"];

    public static EventStoreDbSettings Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var separator = connectionString.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
            throw Bad(connectionString, "it must start with esdb:// or kurrentdb:// (or +discover)");
        var scheme = connectionString[..separator].ToLowerInvariant();
        var discover = scheme.EndsWith("+discover", StringComparison.Ordinal);
        if (!Schemes.Contains(discover ? scheme[..^"+discover".Length] : scheme))
            throw Bad(connectionString, $"unknown scheme '{scheme}'; use esdb, kurrentdb, kurrent or kdb, optionally with +discover");

        var rest = connectionString[(separator + 3)..];
        var query = string.Empty;
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }
        rest = rest.TrimEnd('/');

        string? user = null, password = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at].Split(':', 2);
            user = Uri.UnescapeDataString(credentials[0]);
            password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null;
            if (user.Length == 0 || string.IsNullOrEmpty(password))
                throw Bad(connectionString, "credentials must be user:password@");
            rest = rest[(at + 1)..];
        }

        var hosts = rest.Split(',', StringSplitOptions.TrimEntries).Select(h => ParseHost(connectionString, h)).ToArray();
        var settings = new EventStoreDbSettings { Hosts = hosts, Discover = discover, UserName = user, Password = password };
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            settings = Apply(connectionString, settings, key, value);
        }
        return settings;
    }

    private static Endpoint ParseHost(string connectionString, string host)
    {
        if (host.Length == 0)
            throw Bad(connectionString, "a host is missing");
        var colon = host.LastIndexOf(':');
        // An IPv6 literal is bracketed: [::1]:2113.
        if (colon < 0 || host.EndsWith(']'))
            return new Endpoint(host.Trim('[', ']'), Endpoint.DefaultPort);
        if (!int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw Bad(connectionString, $"'{host}' has no valid port");
        return new Endpoint(host[..colon].Trim('[', ']'), port);
    }

    private static EventStoreDbSettings Apply(string connectionString, EventStoreDbSettings settings, string key, string value) => key.ToLowerInvariant() switch
    {
        "tls" => settings with { Tls = Bool(connectionString, key, value) },
        "tlsverifycert" => settings with { TlsVerifyCert = Bool(connectionString, key, value) },
        "tlscafile" => settings with { TlsCaFile = value },
        "nodepreference" => settings with { NodePreference = Preference(connectionString, value) },
        "defaultdeadline" => settings with { DefaultDeadline = Milliseconds(connectionString, key, value) },
        "gossiptimeout" => settings with { GossipTimeout = Milliseconds(connectionString, key, value) },
        "discoveryinterval" => settings with { DiscoveryInterval = Milliseconds(connectionString, key, value) },
        "keepaliveinterval" => settings with { KeepAliveInterval = KeepAlive(connectionString, key, value) },
        "keepalivetimeout" => settings with { KeepAliveTimeout = KeepAlive(connectionString, key, value) },
        "maxdiscoverattempts" => settings with { MaxDiscoverAttempts = (int)Number(connectionString, key, value) },
        "connectionname" => settings with { ConnectionName = value },
        // Client-side behaviour of other clients, with nothing to do here.
        "throwonappendfailure" => settings,
        "usercertfile" or "userkeyfile" => throw Bad(connectionString, $"'{key}' (certificate authentication) is not supported by this client; use user:password@"),
        _ => throw Bad(connectionString, $"unknown setting '{key}'"),
    };

    private static bool Bool(string connectionString, string key, string value) =>
        bool.TryParse(value, out var result) ? result : throw Bad(connectionString, $"'{key}' must be true or false, not '{value}'");

    private static long Number(string connectionString, string key, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result > 0
            ? result
            : throw Bad(connectionString, $"'{key}' must be a positive whole number, not '{value}'");

    private static TimeSpan Milliseconds(string connectionString, string key, string value) =>
        TimeSpan.FromMilliseconds(Number(connectionString, key, value));

    /// <summary>SocketsHttpHandler takes keep-alive times of a second or more: a shorter one would fail every call later, not this parse.</summary>
    private static TimeSpan KeepAlive(string connectionString, string key, string value) =>
        Milliseconds(connectionString, key, value) is var time && time >= TimeSpan.FromSeconds(1)
            ? time
            : throw Bad(connectionString, $"'{key}' must be at least 1000 (milliseconds), not '{value}'");

    private static NodePreference Preference(string connectionString, string value) => value.ToLowerInvariant() switch
    {
        "leader" => NodePreference.Leader,
        "follower" => NodePreference.Follower,
        "random" => NodePreference.Random,
        "readonlyreplica" => NodePreference.ReadOnlyReplica,
        _ => throw Bad(connectionString, $"nodePreference must be leader, follower, random or readOnlyReplica, not '{value}'"),
    };

    /// <summary>The error names the problem but never echoes the password.</summary>
    private static FormatException Bad(string connectionString, string problem)
    {
        var shown = connectionString;
        var at = shown.IndexOf('@', StringComparison.Ordinal);
        var start = shown.IndexOf("://", StringComparison.Ordinal);
        if (at > 0 && start >= 0 && shown.IndexOf(':', start + 3) is var colon && colon > 0 && colon < at)
            shown = shown[..(colon + 1)] + "***" + shown[at..];
        return new FormatException($"Bad EventStoreDB connection string '{shown}': {problem}.");
    }
}
