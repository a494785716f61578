using System.Text.Json;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs;
using Registry.Server.Programs.Queries;
using Registry.Server.Programs.Storage;
using Registry.Server.Projections;
using Registry.V1;

namespace Registry.Server.Audit;

/// <summary>
/// Audit.ReplayCheck: once the read model holds every programme event the log had when asked, folds every
/// programme from the log up to the position the read model reflects (read in the same transaction as its rows)
/// and compares each state with the read model's, field by field.
/// </summary>
internal sealed class ReplayChecker(IEventStore store, ProgramReadModel readModel, ProjectionsService projections)
{
    public async Task<ReplayCheckResponse> CheckAsync(CancellationToken cancellationToken)
    {
        var asked = await ReadModelWaits.LastRegistryEventAsync(store, cancellationToken);
        await projections.UntilAppliedAsync(ProgramsProjection.ProjectionName, "The programmes read model", asked, cancellationToken);
        var (rows, checkpoint) = readModel.Snapshot();
        var replayed = new SortedDictionary<string, ProgramState>(StringComparer.Ordinal);
        var broken = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var recorded in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue, cancellationToken))
        {
            if (recorded.Position > checkpoint)
                break;
            if (ProgramEvents.ProgramOf(recorded.Stream) is not { } id || broken.ContainsKey(id.Value))
                continue;
            try
            {
                if (ProgramEvents.FromRecorded(recorded) is { } programEvent)
                    replayed[id.Value] = ProgramState.Evolve(replayed.GetValueOrDefault(id.Value), id, programEvent, recorded.Revision, recorded.Created);
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException)
            {
                broken[id.Value] = $"the log does not fold at {recorded.Stream}@{recorded.Revision} (event {recorded.EventId}): {e.Message}";
            }
        }

        var response = new ReplayCheckResponse { Position = ToProto.Position(checkpoint), ProgramsChecked = (ulong)rows.Count };
        var inReadModel = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var id = row.State.Id.Value;
            inReadModel.Add(id);
            var reason = broken.TryGetValue(id, out var failure) ? failure
                : replayed.TryGetValue(id, out var state) ? Compare(row.State, state)
                : "in the read model but not in the log";
            if (reason is not null)
                response.Differences.Add(new ProgramDifference { ProgramId = id, Reason = reason });
        }
        foreach (var id in replayed.Keys.Concat(broken.Keys).Where(id => !inReadModel.Contains(id)).Distinct())
            response.Differences.Add(new ProgramDifference { ProgramId = id, Reason = "in the log but missing from the read model" });
        response.Ok = response.Differences.Count == 0;
        return response;
    }

    /// <summary>Null when equal; otherwise each differing field with both values (claims: the first differing one).</summary>
    private static string? Compare(ProgramState readModelState, ProgramState logState)
    {
        var stored = JsonSerializer.SerializeToElement(readModelState, DomainJson.Options);
        var replayed = JsonSerializer.SerializeToElement(logState, DomainJson.Options);
        var differences = new List<string>();
        foreach (var property in replayed.EnumerateObject())
        {
            var other = stored.TryGetProperty(property.Name, out var value) ? value : default;
            if (other.ValueKind != JsonValueKind.Undefined && JsonElement.DeepEquals(property.Value, other))
                continue;
            differences.Add(property.Value.ValueKind == JsonValueKind.Array && other.ValueKind == JsonValueKind.Array
                ? FirstDifferingItem(property.Name, other, property.Value)
                : $"{property.Name}: read model {Short(other)}, log {Short(property.Value)}");
        }
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static string FirstDifferingItem(string name, JsonElement stored, JsonElement replayed)
    {
        var storedItems = stored.EnumerateArray().ToList();
        var replayedItems = replayed.EnumerateArray().ToList();
        for (var i = 0; i < Math.Max(storedItems.Count, replayedItems.Count); i++)
        {
            var a = i < storedItems.Count ? storedItems[i] : default;
            var b = i < replayedItems.Count ? replayedItems[i] : default;
            if (a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined || !JsonElement.DeepEquals(a, b))
                return $"{name}[{i}]: read model {Short(a)}, log {Short(b)}";
        }
        return $"{name}: differs";
    }

    private static string Short(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.Undefined ? "(none)" : element.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}
