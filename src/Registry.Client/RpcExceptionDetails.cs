using Google.Protobuf;
using Grpc.Core;

namespace Registry.Client;

/// <summary>The rich error details (google.rpc.Status in grpc-status-details-bin) of a failed call.</summary>
public static class RpcExceptionDetails
{
    /// <summary>The first detail of type <typeparamref name="T"/> (e.g. google.rpc.BadRequest), or null.</summary>
    public static T? GetDetail<T>(this RpcException exception) where T : class, IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.GetRpcStatus()?.GetDetail<T>();
    }
}
