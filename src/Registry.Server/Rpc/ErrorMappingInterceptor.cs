using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Registry.EventStore;

namespace Registry.Server.Rpc;

/// <summary>
/// Turns what handlers throw into gRPC statuses, in one place: bad fields into INVALID_ARGUMENT with a
/// google.rpc.BadRequest, domain rules into FAILED_PRECONDITION with a google.rpc.PreconditionFailure, an
/// unreachable event store into UNAVAILABLE (the caller may retry). An RpcException passes as it is; anything
/// else is left to grpc-dotnet, which logs it and answers without telling the caller its details.
/// </summary>
internal sealed class ErrorMappingInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception error) when (ToRpcException(error) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception error) when (ToRpcException(error) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (Exception error) when (ToRpcException(error) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception error) when (ToRpcException(error) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>The status for an exception a handler let through; null: not one this interceptor knows.</summary>
    internal static RpcException? ToRpcException(Exception error) => error switch
    {
        InvalidRequestException invalid => BadRequest(invalid),
        RuleViolatedException rule => Status(Google.Rpc.Code.FailedPrecondition, rule.Message, new Google.Rpc.PreconditionFailure
        {
            Violations = { new Google.Rpc.PreconditionFailure.Types.Violation { Type = "DOMAIN_RULE", Description = rule.Message } },
        }),
        EventStoreUnavailableException unavailable => Status(Google.Rpc.Code.Unavailable, $"The event store cannot be reached: {unavailable.Message} Retry later.", null),
        _ => null,
    };

    private static RpcException BadRequest(InvalidRequestException invalid)
    {
        var details = new Google.Rpc.BadRequest();
        foreach (var violation in invalid.Violations)
            details.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description });
        return Status(Google.Rpc.Code.InvalidArgument, invalid.Message, details);
    }

    private static RpcException Status(Google.Rpc.Code code, string message, Google.Protobuf.IMessage? detail)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (detail is not null)
            status.Details.Add(Any.Pack(detail));
        return status.ToRpcException();
    }
}
