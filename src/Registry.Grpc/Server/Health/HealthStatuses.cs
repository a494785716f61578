using System.Collections.Concurrent;
using Grpc.Health.V1;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Registry.Grpc.Server.Health;

/// <summary>
/// The serving status of the server ("") and of each hosted service, as grpc.health.v1 reports it. Every
/// registered service starts SERVING; the host changes statuses as its own checks see fit. When the
/// application stops, everything turns NOT_SERVING so that load balancers drain before the server goes.
/// </summary>
public sealed class HealthStatuses
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);

    public HealthStatuses(GrpcServiceRegistrations registrations, IHostApplicationLifetime? lifetime = null)
    {
        _statuses[string.Empty] = ServingStatus.Serving;
        foreach (var (_, descriptor) in registrations.Services)
            _statuses[descriptor.FullName] = ServingStatus.Serving;
        Stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        Stopping.Register(() =>
        {
            foreach (var service in _statuses.Keys)
                Set(service, ServingStatus.NotServing);
        });
    }

    /// <summary>Raised after a status changed, with the service name and its new status.</summary>
    public event Action<string, ServingStatus>? Changed;

    /// <summary>Cancelled when the application begins to stop.</summary>
    public CancellationToken Stopping { get; }

    public ServingStatus? Get(string service) => _statuses.TryGetValue(service, out var status) ? status : null;

    public void Set(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        var previous = Get(service);
        _statuses[service] = status;
        if (previous != status)
            Changed?.Invoke(service, status);
    }

    internal static HealthCheckResponse Response(ServingStatus status) => new() { Status = status };
}
