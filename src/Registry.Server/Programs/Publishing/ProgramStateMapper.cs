using Registry.Contracts;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Projections.Publishing;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Publishing;

/// <summary>
/// Every programme event becomes a <see cref="ProgramStateChanged"/> with the whole state after it. States
/// are kept between events and read from the programme's stream when not known (after a restart).
/// </summary>
internal sealed class ProgramStateMapper(IEventStore store) : IMessageMapper
{
    private readonly FollowedStates _states = new(store);
    private readonly ValueSnapshots _values = new();

    public string Name => "program-state";

    public SubscriptionFilter? Filter { get; } = SubscriptionFilter.OnStreamPrefix("program-");

    public IReadOnlyList<Type> MessageTypes { get; } = [typeof(ProgramStateChanged)];

    public async ValueTask<IReadOnlyList<OutgoingMessage>> MapAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        if (ProgramEvents.ProgramOf(recorded.Stream) is not { } id || ProgramEvents.FromRecorded(recorded) is not { } programEvent)
            return [];
        var state = await _states.NextAsync(id, programEvent, recorded, cancellationToken);
        var message = new ProgramStateChanged(id.Value, state.Version, recorded.Position.Commit, recorded.Position.Prepare,
            recorded.EventId, recorded.Type, recorded.Created, Snapshot(state));
        return [new OutgoingMessage(MessageIds.Derive(recorded.EventId, nameof(ProgramStateChanged)), message)];
    }

    private ProgramSnapshot Snapshot(ProgramState state)
    {
        var value = _values.For(state);
        return new ProgramSnapshot(
            state.Name,
            state.Kind.ToString(),
            state.Country,
            ProgramView.Status(state).ToString(),
            ProgramView.Attributes(state).Select(a => new AttributeSnapshot(a.Attribute, value(a.Best), a.InConflict,
                a.InConflict ? a.Competing.Select(value).ToList() : [])).ToList(),
            ProgramView.Organisations(state).Select(o => new OrganisationSnapshot(o.Organisation!, o.Aliases, o.Role!.Value.ToString(), o.Id.Value)).ToList());
    }
}
