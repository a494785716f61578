using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Registry.Grpc.Server.Health;

/// <summary>grpc.health.v1.Health: Check answers once, Watch streams every change of one service's status.</summary>
internal sealed class HealthService(HealthStatuses statuses)
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = statuses.Get(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return Task.FromResult(HealthStatuses.Response(status));
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        // Only the newest status matters to a watcher that is behind.
        var changes = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(string service, ServingStatus status)
        {
            if (service == request.Service)
                changes.Writer.TryWrite(status);
        }

        statuses.Changed += OnChanged;
        try
        {
            var last = statuses.Get(request.Service) ?? ServingStatus.ServiceUnknown;
            await responses.WriteAsync(HealthStatuses.Response(last), context.CancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, statuses.Stopping);
            while (await WaitAsync(changes.Reader, stop.Token))
            {
                while (changes.Reader.TryRead(out var status))
                {
                    if (status == last)
                        continue;
                    last = status;
                    await responses.WriteAsync(HealthStatuses.Response(status), context.CancellationToken);
                }
            }
            if (statuses.Stopping.IsCancellationRequested)
            {
                if (last != ServingStatus.NotServing)
                    await responses.WriteAsync(HealthStatuses.Response(ServingStatus.NotServing), context.CancellationToken);
                throw new RpcException(StatusCode.Unavailable, "The server is shutting down.");
            }
        }
        finally
        {
            statuses.Changed -= OnChanged;
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<ServingStatus> reader, CancellationToken stop)
    {
        try
        {
            return await reader.WaitToReadAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
