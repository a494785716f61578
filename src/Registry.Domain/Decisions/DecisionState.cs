using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;

namespace Registry.Domain.Decisions;

/// <summary>
/// What deciding a command needs of a programme, folded from the same events as <see cref="ProgramState"/>: its
/// name and version, and each claim's kind and fate. No decision reads a claim's provenance, value or quote. The
/// command side keeps this for every programme it serves; whole states there were a second copy of every claim in
/// memory (the read model holds the first), which under load the garbage collector had to promote.
/// </summary>
public sealed record DecisionState(ProgramId Id, string Name, long Version, ClaimFates Claims)
{
    public ClaimFate? Find(ClaimId id) => Claims.Find(id);

    /// <summary>Applies one event recorded at <paramref name="revision"/>, as <see cref="ProgramState.Evolve"/> does for what decisions read.</summary>
    public static DecisionState Evolve(DecisionState? state, ProgramId id, IProgramEvent programEvent, long revision)
    {
        if (programEvent is ProgramAnnounced announced)
        {
            if (state is not null)
                throw new InvalidOperationException($"Programme {id} is announced a second time at revision {revision}; its log is inconsistent.");
            var claims = ClaimFates.Empty.With(announced.ClaimId, new ClaimFate(ClaimKind.Lifecycle) { Stage = LifecycleStage.Announced });
            return new DecisionState(id, announced.Name, revision, claims);
        }

        var before = state ?? throw new InvalidOperationException($"Programme {id}: {programEvent.GetType().Name} before ProgramAnnounced.");
        var next = programEvent switch
        {
            LifecycleReported e => before.Add(e.ClaimId, new ClaimFate(ClaimKind.Lifecycle) { Stage = e.Stage }),
            AttributeReported e => before.Add(e.ClaimId, new ClaimFate(ClaimKind.Attribute) { Attribute = e.Attribute }),
            OrganisationRoleReported e => before.Add(e.ClaimId, new ClaimFate(ClaimKind.OrganisationRole)),
            ReportDenied e => before.Add(e.ClaimId, new ClaimFate(ClaimKind.Denial)),
            ClaimRanked e => before.Update(e.ClaimId, c => c with { Rank = e.Rank }),
            ClaimRetracted e => before.Update(e.ClaimId, c => c with { IsRetracted = true }),
            ClaimSuperseded e => before.Update(e.ClaimId, c => c with { SupersededBy = e.Replacement }),
            _ => throw new InvalidOperationException($"Unknown event {programEvent.GetType().Name}."),
        };
        return next with { Version = revision };
    }

    /// <summary>The first claim with an id is the one found, as in <see cref="ProgramState.Find"/>.</summary>
    private DecisionState Add(ClaimId id, ClaimFate claim) => Claims.Find(id) is not null ? this : this with { Claims = Claims.With(id, claim) };

    private DecisionState Update(ClaimId id, Func<ClaimFate, ClaimFate> change) =>
        Claims.Find(id) is { } claim ? this with { Claims = Claims.With(id, change(claim)) } : this;
}

/// <summary>A claim as decisions see it: its kind, what it is about, its rank, and whether it still counts.</summary>
public sealed record ClaimFate(ClaimKind Kind)
{
    public LifecycleStage? Stage { get; init; }
    public string? Attribute { get; init; }
    public Rank Rank { get; init; } = Rank.Normal;
    public bool IsRetracted { get; init; }
    public ClaimId? SupersededBy { get; init; }
    public bool IsSuperseded => SupersededBy is not null;
}
