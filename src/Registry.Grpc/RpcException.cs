using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Registry.Grpc;

/// <summary>
/// The one exception type of a failed call, on both sides. A server handler throws it to end the call with
/// a status; the client throws it when a call ends with any status but OK. <see cref="Details"/> is the rich
/// status (google.rpc.Status) carried in the <c>grpc-status-details-bin</c> trailer.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null, Google.Rpc.Status? details = null)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
        Details = details;
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }
    public StatusCode StatusCode => Status.Code;
    public Metadata Trailers { get; }
    public Google.Rpc.Status? Details { get; }

    /// <summary>Ends a call with a status whose details carry the given messages (BadRequest, ErrorInfo, ...).</summary>
    public static RpcException WithDetails(StatusCode code, string message, params IMessage[] details)
    {
        var rich = new Google.Rpc.Status { Code = (int)code, Message = message };
        rich.Details.AddRange(details.Select(Any.Pack));
        return new RpcException(new Status(code, message), details: rich);
    }

    /// <summary>INVALID_ARGUMENT naming every bad field in a google.rpc.BadRequest.</summary>
    public static RpcException InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new Google.Rpc.BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v =>
            new Google.Rpc.BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return WithDetails(StatusCode.InvalidArgument, message, badRequest);
    }

    /// <summary>The first detail of the given type, or null.</summary>
    public T? GetDetail<T>() where T : class, IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        var any = Details?.Details.FirstOrDefault(a => a.Is(descriptor));
        return any?.Unpack<T>();
    }
}
