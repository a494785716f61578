using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs.Storage;
using Registry.V1;
using Position = Registry.EventStore.Position;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Record time for listings: every programme as the registry held it at a past moment or log position.
/// It folds the programme streams of the log up to that point, i.e. exactly what the live projection held
/// then (the same Evolve, the same ranking). Correct first: it costs a read of the log up to that point per
/// call, which suits auditors' occasional questions on a registry of thousands of events; a bitemporal read
/// model would answer faster but would have to repeat the ranking rules in SQL.
/// </summary>
internal static class KnownAt
{
    /// <summary>
    /// The last position a request means. A position without a prepare part (as a URL gives it,
    /// <c>position.commit=N</c>) means everything committed at or before N.
    /// </summary>
    public static Position UpTo(LogPosition position) =>
        new(position.Commit, position.Prepare == 0 && position.Commit > 0 ? ulong.MaxValue : position.Prepare);

    public static async Task<IReadOnlyList<ProgramState>> FoldAsync(IEventStore store, Func<RecordedEvent, bool> known, CancellationToken cancellationToken)
    {
        var states = new Dictionary<ProgramId, ProgramState>();
        await foreach (var recorded in store.ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue, cancellationToken))
        {
            if (!known(recorded))
                break;
            if (ProgramEvents.ProgramOf(recorded.Stream) is not { } id || ProgramEvents.FromRecorded(recorded) is not { } programEvent)
                continue;
            states[id] = ProgramState.Evolve(states.GetValueOrDefault(id), id, programEvent, recorded.Revision, recorded.Created);
        }
        return states.Values.ToList();
    }
}
