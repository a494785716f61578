using Registry.Contracts;
using Registry.Domain.Events;
using Registry.EventStore;
using Registry.Projections.Publishing;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Publishing;

/// <summary>
/// Denials and operators' corrections as facts of their own (<see cref="ProgramReportDenied"/>,
/// <see cref="ProgramClaimCorrected"/>), so that a subscriber can react to them without comparing states.
/// A publisher of its own, with its own checkpoint; other events map to nothing.
/// </summary>
internal sealed class ProgramFactsMapper : IMessageMapper
{
    private static readonly HashSet<Type> FactTypes = [typeof(ReportDenied), typeof(ClaimRanked), typeof(ClaimRetracted), typeof(ClaimSuperseded)];

    public string Name => "program-facts";

    public SubscriptionFilter? Filter { get; } = SubscriptionFilter.OnStreamPrefix("program-");

    public IReadOnlyList<Type> MessageTypes { get; } = [typeof(ProgramReportDenied), typeof(ProgramClaimCorrected)];

    public ValueTask<IReadOnlyList<OutgoingMessage>> MapAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        // Most events are claims, not facts: known by their stored type without decoding them.
        if (EventCatalog.Resolve(recorded.Type) is not { } known || !FactTypes.Contains(known.Type) || ProgramEvents.ProgramOf(recorded.Stream) is not { } id)
            return ValueTask.FromResult<IReadOnlyList<OutgoingMessage>>([]);
        var program = id.Value;
        object? fact = ProgramEvents.FromRecorded(recorded) switch
        {
            ReportDenied d => new ProgramReportDenied(program, recorded.Revision, recorded.Position.Commit, recorded.Position.Prepare, recorded.EventId,
                recorded.Created, d.ClaimId.Value, d.Denies.Select(c => c.Value).ToList(), d.DeniedBy, d.Statement, d.Provenance.Outlet,
                d.Provenance.Url, d.Provenance.Grade),
            ClaimRanked r => Corrected(recorded, program, "Ranked", r.ClaimId.Value, r.Operator, r.Reason, r.Rank.ToString(), null),
            ClaimRetracted r => Corrected(recorded, program, "Retracted", r.ClaimId.Value, r.Operator, r.Reason, null, null),
            ClaimSuperseded s => Corrected(recorded, program, "Superseded", s.ClaimId.Value, s.Operator, s.Reason, null, s.Replacement.Value),
            _ => null,
        };
        return ValueTask.FromResult<IReadOnlyList<OutgoingMessage>>(
            fact is null ? [] : [new OutgoingMessage(MessageIds.Derive(recorded.EventId, fact.GetType().Name), fact)]);
    }

    private static ProgramClaimCorrected Corrected(RecordedEvent recorded, string program, string correction, string claimId, string who, string reason,
        string? rank, string? replacement) =>
        new(program, recorded.Revision, recorded.Position.Commit, recorded.Position.Prepare, recorded.EventId, recorded.Created,
            correction, claimId, who, reason, rank, replacement);
}
