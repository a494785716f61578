using System.Text;

namespace Registry.EventStore.Bench;

/// <summary>Events shaped like the registry's: a small JSON payload and metadata.</summary>
internal static class Workload
{
    public const string Type = "ClaimReported.v1";

    public static readonly byte[] Data = Encoding.UTF8.GetBytes(
        """{"claim":"turret_calibre","value":120,"unit":"mm","source":{"outlet":"Example Daily","url":"https://example.org/a","published":"2025-03-01"}}""");

    public static readonly byte[] Metadata = Encoding.UTF8.GetBytes(
        """{"command_id":"5b0c6f0e-2f5e-4d8e-9a55-0d4f6b8b9a11","actor":"bench","correlation_id":"c1","schema":1}""");

    public static EventData Event() => new(Guid.NewGuid(), Type, Data, Metadata);
}
