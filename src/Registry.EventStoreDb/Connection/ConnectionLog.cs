using Microsoft.Extensions.Logging;

namespace Registry.EventStoreDb.Connection;

/// <summary>What the client tells operators about the cluster: each event once, when it happens.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "EventStoreDB node {Node} can no longer serve ({Reason}); rediscovering the cluster through gossip of {Seeds}")]
    public static partial void Rediscovering(ILogger logger, Endpoint node, string reason, string seeds);

    [LoggerMessage(Level = LogLevel.Information, Message = "EventStoreDB leader changed from {Previous} to {Leader} ({How})")]
    public static partial void LeaderChanged(ILogger logger, Endpoint? previous, Endpoint leader, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gossip of {Seeds} shows no EventStoreDB leader; calling {Node} ({State}) meanwhile")]
    public static partial void NoLeader(ILogger logger, string seeds, Endpoint node, Wire.Gossip.MemberInfo.Types.VNodeState state);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discovery through gossip of {Seeds} found no node to serve: {Failures}")]
    public static partial void DiscoveryFailed(ILogger logger, string seeds, string failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription to {Subscription} dropped by {Node} ({Reason}); resubscribing")]
    public static partial void Resubscribing(ILogger logger, object subscription, Endpoint node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription to {Subscription} resumed on {Node}")]
    public static partial void Resubscribed(ILogger logger, object subscription, Endpoint node);
}
