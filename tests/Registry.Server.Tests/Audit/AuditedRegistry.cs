using Registry.Client.Audit;
using Registry.EventStore;
using Registry.Samples;
using Registry.V1;

namespace Registry.Server.Tests.Audit;

/// <summary>A test registry with a few programmes and claims, and the helpers the audit tests share.</summary>
internal static class AuditedRegistry
{
    /// <summary>Announces <paramref name="programs"/> programmes with <paramref name="claims"/> claims each; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(Registry.Client.RegistryClient client, string prefix, int programs, int claims)
    {
        var ids = new List<string>();
        for (var p = 0; p < programs; p++)
        {
            var id = $"{prefix}-{p}";
            await client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id));
            for (var c = 0; c < claims; c++)
                await client.Commands.ReportClaimAsync(SampleRequests.Attribute(id, $"c{c}", $"{id}-claim-{c}", c));
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The registry's events (programme streams) in log order.</summary>
    public static async Task<List<RecordedEvent>> RegistryEventsAsync(IEventStore store)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
        {
            if (e.Stream.StartsWith("program-", StringComparison.Ordinal))
                events.Add(e);
        }
        return events;
    }

    public static TreeHead ToTreeHead(SignedTreeHead head) =>
        new((long)head.TreeSize, head.RootHash.ToByteArray(), head.TimestampMs, head.LastPosition.Commit, head.LastPosition.Prepare);

    public static async Task<string> WriteCredentialAsync(string folder)
    {
        var path = Path.Combine(folder, "credential.txt");
        await File.WriteAllTextAsync(path, TestCredentials.Default.Key);
        return path;
    }
}
