using Registry.Domain;
using Registry.Domain.Events;
using Registry.Domain.State;
using Registry.EventStore;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// The programme states a follower of the log has seen, each moved on by the next event of its stream. A state
/// not known, or not exactly one revision behind the event (a gap, a restart), is read from the stream instead.
/// Bounded: past <see cref="MaxCached"/> programmes it starts again empty.
/// </summary>
internal sealed class FollowedStates(IEventStore store)
{
    private const int MaxCached = 10_000;
    private readonly Dictionary<ProgramId, ProgramState> _states = [];

    /// <summary>A state known to be current at its version, e.g. from a read model snapshot.</summary>
    public void Know(ProgramState state) => Remember(state);

    /// <summary>The state after an event, by event instance: whoever follows the log first works it out for the others.</summary>
    private static readonly DecodedEvents<ProgramState> StatesAfter = new();

    /// <summary>The state after an event, if a follower of the log already worked it out.</summary>
    public static bool TryGetShared(RecordedEvent recorded, out ProgramState state) => StatesAfter.TryGet(recorded, out state);

    public async ValueTask<ProgramState> NextAsync(ProgramId id, IProgramEvent programEvent, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        if (!StatesAfter.TryGet(recorded, out var state))
        {
            state = _states.TryGetValue(id, out var known) && known.Version == recorded.Revision - 1
                ? ProgramState.Evolve(known, id, programEvent, recorded.Revision, recorded.Created)
                : await ProgramEvents.ReadStateAsync(store, id, recorded.Revision, cancellationToken);
            StatesAfter.Remember(recorded, state);
        }
        Remember(state);
        return state;
    }

    private void Remember(ProgramState state)
    {
        if (_states.Count >= MaxCached && !_states.ContainsKey(state.Id))
            _states.Clear();
        _states[state.Id] = state;
    }
}
