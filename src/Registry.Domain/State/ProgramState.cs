using System.Collections.Immutable;
using Registry.Domain.Claims;
using Registry.Domain.Events;

namespace Registry.Domain.State;

/// <summary>
/// A programme folded from its events: identity, every claim with its fate, and the version (the revision of
/// its last event). Immutable; <see cref="Evolve"/> returns the next state.
/// </summary>
public sealed record ProgramState(ProgramId Id, string Name, ProgramKind Kind, string Country, long Version, ImmutableList<ClaimRecord> Claims)
{
    public ClaimRecord? Find(ClaimId id) => Claims.Find(c => c.Id == id);

    /// <summary>Applies one event recorded at <paramref name="revision"/>; null state means the programme does not exist yet.</summary>
    public static ProgramState Evolve(ProgramState? state, ProgramId id, IProgramEvent programEvent, long revision, DateTimeOffset recordedAt)
    {
        if (programEvent is ProgramAnnounced announced)
        {
            if (state is not null)
                throw new InvalidOperationException($"Programme {id} is announced a second time at revision {revision}; its log is inconsistent.");
            var claim = new ClaimRecord(announced.ClaimId, ClaimKind.Lifecycle, announced.Provenance, announced.Certainty, announced.Note, revision, recordedAt)
            {
                Stage = LifecycleStage.Announced,
                ValidTime = announced.ValidTime,
            };
            return new ProgramState(id, announced.Name, announced.Kind, announced.Country, revision, [claim]);
        }

        var current = state ?? throw new InvalidOperationException($"Programme {id}: {programEvent.GetType().Name} before ProgramAnnounced.");
        var next = programEvent switch
        {
            LifecycleReported e => current.Add(new ClaimRecord(e.ClaimId, ClaimKind.Lifecycle, e.Provenance, e.Certainty, e.Note, revision, recordedAt)
            {
                Stage = e.Stage,
                ValidTime = e.ValidTime,
                Value = e.Value,
            }),
            AttributeReported e => current.Add(new ClaimRecord(e.ClaimId, ClaimKind.Attribute, e.Provenance, e.Certainty, e.Note, revision, recordedAt)
            {
                Attribute = e.Attribute,
                Value = e.Value,
                ValidTime = e.ValidTime,
            }),
            OrganisationRoleReported e => current.Add(new ClaimRecord(e.ClaimId, ClaimKind.OrganisationRole, e.Provenance, e.Certainty, e.Note, revision, recordedAt)
            {
                Organisation = e.Organisation,
                Aliases = e.Aliases,
                OrganisationCountry = e.OrganisationCountry,
                Role = e.Role,
            }),
            ReportDenied e => e.Denies.Aggregate(
                current.Add(new ClaimRecord(e.ClaimId, ClaimKind.Denial, e.Provenance, Certainty.Reported, e.Note, revision, recordedAt)
                {
                    Denies = e.Denies,
                    DeniedBy = e.DeniedBy,
                    Statement = e.Statement,
                }),
                (s, denied) => s.Update(denied, c => c with { DeniedByClaims = [.. c.DeniedByClaims, e.ClaimId] })),
            ClaimRanked e => current.Update(e.ClaimId, c => c with { Rank = e.Rank, RankCorrection = new Correction(e.Operator, e.Reason, revision) }),
            ClaimRetracted e => current.Update(e.ClaimId, c => c with { Retraction = new Correction(e.Operator, e.Reason, revision) }).WithdrawDenial(e.ClaimId),
            ClaimSuperseded e => current.Update(e.ClaimId, c => c with { SupersededBy = e.Replacement, Supersession = new Correction(e.Operator, e.Reason, revision) }),
            _ => throw new InvalidOperationException($"Unknown event {programEvent.GetType().Name}."),
        };
        return next with { Version = revision };
    }

    private ProgramState Add(ClaimRecord claim) => this with { Claims = Claims.Add(claim) };

    /// <summary>A retracted denial no longer counts against the claims it denied; it stays in Claims with what it denied.</summary>
    private ProgramState WithdrawDenial(ClaimId denial) => (Find(denial)?.Denies ?? []).Aggregate(this,
        (s, denied) => s.Update(denied, c => c with { DeniedByClaims = [.. c.DeniedByClaims.Where(d => d != denial)] }));

    private ProgramState Update(ClaimId id, Func<ClaimRecord, ClaimRecord> change)
    {
        var index = Claims.FindIndex(c => c.Id == id);
        return index < 0 ? this : this with { Claims = Claims.SetItem(index, change(Claims[index])) };
    }
}
