using System.Globalization;
using System.Text;
using Grpc.Core;
using Registry.EventStoreDb.Wire;

namespace Registry.EventStoreDb.Conformance;

/// <summary>
/// What a node checks before serving a call, as EventStoreDB does: the caller's credentials, and whether this
/// node may serve it (a follower redirects writes, and reads that require the leader, to the leader). It also
/// lets a test drop every running subscription at once. A member of an in-process cluster answers as the
/// cluster's state says (leader, follower, or a survivor during an election).
/// </summary>
public sealed class NodeGate(ConformanceOptions options) : IDisposable
{
    /// <summary>Set for a member of an in-process cluster: the cluster decides what it serves and gossips.</summary>
    internal (ClusterState State, int Node)? Cluster { get; init; }

    private CancellationTokenSource _subscriptions = new();

    public ConformanceOptions Options { get; } = options;

    public CallCounts Calls { get; } = new();

    /// <summary>Cancelled when a test drops the subscriptions; each subscription links to the one it started under.</summary>
    public CancellationToken SubscriptionsDropped => Volatile.Read(ref _subscriptions).Token;

    public void DropSubscriptions()
    {
        var dropped = Interlocked.Exchange(ref _subscriptions, new CancellationTokenSource());
        // Not disposed: a subscription starting right now may still link to its token.
        dropped.Cancel();
    }

    public void Dispose() => _subscriptions.Dispose();

    public void Admit(ServerCallContext context, bool write)
    {
        ArgumentNullException.ThrowIfNull(context);
        Calls.Add(context.Method);
        Authenticate(context.RequestHeaders);
        var needsLeader = write || context.RequestHeaders.GetValue(ErrorMetadata.RequiresLeader) == "true";
        if (Cluster is { } cluster)
        {
            cluster.State.Admit(cluster.Node, needsLeader);
            return;
        }
        if (Options.Leader is not { } leader)
            return;
        if (needsLeader)
        {
            // Trailers of the failed call, as EventStoreDB names the leader.
            var trailers = new Metadata
            {
                { ErrorMetadata.Exception, ErrorMetadata.NotLeader },
                { ErrorMetadata.LeaderHost, leader.Host },
                { ErrorMetadata.LeaderPort, leader.Port.ToString(CultureInfo.InvariantCulture) },
            };
            throw new RpcException(new Status(StatusCode.NotFound, "Leader info available"), trailers);
        }
    }

    private void Authenticate(Metadata headers)
    {
        if (Options.Users.Count == 0)
            return;
        var authorization = headers.GetValue(ErrorMetadata.Authorization);
        if (authorization is null)
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Access denied: this node serves authenticated users only."),
                new Metadata { { ErrorMetadata.Exception, ErrorMetadata.AccessDenied } });
        if (!TryParseBasic(authorization, out var user, out var password)
            || !Options.Users.TryGetValue(user, out var expected) || expected != password)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Bad username or password."));
    }

    private static bool TryParseBasic(string header, out string user, out string password)
    {
        user = password = string.Empty;
        const string Scheme = "Basic ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return false;
        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
