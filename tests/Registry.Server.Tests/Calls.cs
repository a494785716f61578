using Grpc.Core;
using Grpc.Health.V1;
using Registry.Client;

namespace Registry.Server.Tests;

/// <summary>Call options the tests use (a deadline, headers beside the client's credential), and the standard health client.</summary>
public static class Calls
{
    public static CallOptions WithTimeout(TimeSpan timeout, Metadata? headers = null) =>
        new(headers: headers, deadline: DateTime.UtcNow + timeout);

    /// <summary>grpc.health.v1 on the client's channel; it carries no credential (health is open to anyone).</summary>
    public static global::Grpc.Health.V1.Health.HealthClient Health(this RegistryClient client) => new(client.Channel);
}
