using Grpc.Core;
using Grpc.Health.V1;
using Registry.Client;
using Registry.V1;

namespace Registry.Server.Tests.Cluster;

/// <summary>What the failover tests ask the registry: its health services and its followers.</summary>
internal static class RegistryProbe
{
    public const string StoreService = "registry.store";

    public static async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync(RegistryClient client, string service)
    {
        try
        {
            return (await client.Health().CheckAsync(new HealthCheckRequest { Service = service }, Calls.WithTimeout(TimeSpan.FromSeconds(10)))).Status;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return HealthCheckResponse.Types.ServingStatus.Unknown;
        }
    }

    /// <summary>Polls until <paramref name="service"/> reports <paramref name="status"/>; false at the time limit.</summary>
    public static async Task<bool> UntilHealthAsync(RegistryClient client, string service, HealthCheckResponse.Types.ServingStatus status, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (await HealthAsync(client, service) == status)
                return true;
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>
    /// Polls Admin.GetStatus until every follower is LIVE with its checkpoint at the head; the last status read,
    /// and whether it got there within <paramref name="limit"/>.
    /// </summary>
    public static async Task<(bool AllLive, GetStatusResponse? Last)> UntilFollowersLiveAtHeadAsync(RegistryClient client, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        GetStatusResponse? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                last = await client.Admin.GetStatusAsync(new GetStatusRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(10)));
                if (last.Followers.Count > 0 && last.Followers.All(f => f.State == FollowerStatus.Types.State.Live && f.Checkpoint?.Commit >= last.Head.Commit))
                    return (true, last);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // The head is read from the store: it may be between leaders still.
            }
            await Task.Delay(50);
        }
        return (false, last);
    }

    public static string Describe(GetStatusResponse? status) => status is null
        ? "no status read"
        : $"head {status.Head.Commit}; " + string.Join("; ", status.Followers.Select(f => $"{f.Name} {f.State} at {f.Checkpoint?.Commit} {f.Error}"));
}
