using System.Globalization;
using Grpc.Core;
using Registry.EventStore;
using Registry.EventStoreDb.Connection;
using Registry.EventStoreDb.Wire;

namespace Registry.EventStoreDb;

/// <summary>A node's failure answers as the store port's errors.</summary>
internal static class RpcErrors
{
    /// <summary>The leader a not-leader answer names.</summary>
    public static bool IsNotLeader(RpcException e, out Endpoint leader)
    {
        leader = default;
        if (e.Trailers.GetValue(ErrorMetadata.Exception) != ErrorMetadata.NotLeader)
            return false;
        var host = e.Trailers.GetValue(ErrorMetadata.LeaderHost);
        if (string.IsNullOrEmpty(host) || !int.TryParse(e.Trailers.GetValue(ErrorMetadata.LeaderPort), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return false;
        leader = new Endpoint(host, port);
        return true;
    }

    /// <summary>
    /// Worth another try on another (or the same, reconnected) node: the node or the way to it failed. Callers
    /// check their own cancellation first, so a cancelled call here was ended by the transport, not by them.
    /// </summary>
    public static bool IsTransient(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.Cancelled
        || (e.StatusCode == StatusCode.Internal && BrokeInTransit(e.Status.DebugException));

    /// <summary>The node could not be reached (no connection, or it broke): not an answer the node gave.</summary>
    public static bool IsUnreachable(RpcException e) => e.Status.DebugException is not null;

    /// <summary>
    /// The HTTP/2 stream failed under the call (the node reset it, or the connection ended mid-reply): Grpc.Net.Client
    /// reports INTERNAL for it, as for a node's own INTERNAL answer, which carries no such cause.
    /// </summary>
    private static bool BrokeInTransit(Exception? cause) => cause switch
    {
        null => false,
        HttpIOException => true,
        _ => BrokeInTransit(cause.InnerException),
    };

    public static Exception ToStoreException(RpcException e, Endpoint node, string? stream, ExpectedRevision? expected, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return new OperationCanceledException("The call was cancelled.", e, cancellationToken);
        var named = e.Trailers.GetValue(ErrorMetadata.StreamName) ?? stream ?? "$all";
        switch (e.Trailers.GetValue(ErrorMetadata.Exception))
        {
            case ErrorMetadata.WrongExpectedVersion:
                var actual = long.TryParse(e.Trailers.GetValue(ErrorMetadata.ActualVersion), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var revision) && revision >= 0
                    ? revision
                    : (long?)null;
                return new WrongExpectedRevisionException(named, expected ?? ExpectedRevision.Any, actual);
            case ErrorMetadata.StreamDeleted:
                return new StreamDeletedException(named, e);
            case ErrorMetadata.AccessDenied:
                return new AccessDeniedException($"EventStoreDB at {node} denied access to '{named}': {e.Status.Detail}", e);
        }
        return e.StatusCode switch
        {
            StatusCode.PermissionDenied or StatusCode.Unauthenticated =>
                new AccessDeniedException($"EventStoreDB at {node} refused the credentials ({e.StatusCode}): {e.Status.Detail}", e),
            StatusCode.DeadlineExceeded =>
                new EventStoreUnavailableException($"EventStoreDB at {node} did not answer within the deadline: {e.Status.Detail}", e),
            _ => new EventStoreUnavailableException($"EventStoreDB at {node} failed the call ({e.StatusCode}): {e.Status.Detail}", e),
        };
    }
}
