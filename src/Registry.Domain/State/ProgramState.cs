using System.Collections.Immutable;
using Registry.Domain.Claims;
using Registry.Domain.Events;

namespace Registry.Domain.State;

/// <summary>
/// A programme folded from its events: identity, every claim with its fate, and the version (the revision of
/// its last event). Immutable; <see cref="Evolve"/> returns the next state.
/// </summary>
public sealed record ProgramState(ProgramId Id, string Name, ProgramKind Kind, string Country, long Version, ClaimList Claims)
{
    // Where each claim sits in Claims, so that finding one is a lookup rather than a walk over every claim (a cache
    // miss each, with many programmes in memory). Made by the first Find, then carried on by Evolve; states that
    // nobody searches (a follower's) never pay for it. Only a cache: it never makes two states differ.
    private ClaimPlaces _places = ClaimPlaces.None;

    // What the Evolve that made this state changed, so that a follower writing claims out need not compare every
    // claim with the state before. Only a cache, like _places.
    private LastChange _lastChange = LastChange.None;

    /// <summary>
    /// The claims that differ from <paramref name="before"/>'s (added, or replaced in place), with their places, in
    /// order: as Evolve recorded them when this state was made from <paramref name="before"/>, otherwise by
    /// comparing the two lists claim by claim (an unchanged claim is the same object).
    /// </summary>
    public IReadOnlyList<(int Place, ClaimRecord Claim)> ChangedSince(ProgramState? before)
    {
        if (ReferenceEquals(_lastChange.After, Claims) && ReferenceEquals(_lastChange.Before, before?.Claims))
        {
            var places = _lastChange.Places;
            // Most events add or change one claim.
            return places.Length == 1 ? [(places[0], Claims[places[0]])] : [.. places.Distinct().Order().Select(place => (place, Claims[place]))];
        }
        var changed = new List<(int, ClaimRecord)>();
        var place = 0;
        using var old = (before?.Claims ?? []).GetEnumerator();
        foreach (var claim in Claims)
        {
            if (!old.MoveNext() || !ReferenceEquals(old.Current, claim))
                changed.Add((place, claim));
            place++;
        }
        return changed;
    }

    /// <summary>
    /// Whether <see cref="Evolve"/> made this state from <paramref name="before"/> (or from a state with the very same
    /// claims), so that <see cref="ChangedSince"/> answers for it without comparing claims.
    /// </summary>
    public bool WasMadeFrom(ProgramState? before) => ReferenceEquals(_lastChange.Before, before?.Claims);

    public ClaimRecord? Find(ClaimId id) => Places().Index.TryGetValue(id, out var index) ? Claims[index] : null;

    private bool HasPlaces => ReferenceEquals(_places.Claims, Claims);

    private ClaimPlaces Places()
    {
        var places = _places;
        if (!ReferenceEquals(places.Claims, Claims))
            _places = places = ClaimPlaces.Of(Claims);
        return places;
    }

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

        var before = state ?? throw new InvalidOperationException($"Programme {id}: {programEvent.GetType().Name} before ProgramAnnounced.");
        var current = before with { _lastChange = new LastChange(before.Claims, []) };
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
        return next with { Version = revision, _lastChange = next._lastChange.Made(next.Claims) };
    }

    private ProgramState Add(ClaimRecord claim)
    {
        var claims = Claims.Add(claim);
        return this with { Claims = claims, _places = HasPlaces ? _places.Added(claims, claim.Id) : ClaimPlaces.None, _lastChange = _lastChange.At(claims.Count - 1) };
    }

    /// <summary>A retracted denial no longer counts against the claims it denied; it stays in Claims with what it denied.</summary>
    private ProgramState WithdrawDenial(ClaimId denial) => (Find(denial)?.Denies ?? []).Aggregate(this,
        (s, denied) => s.Update(denied, c => c with { DeniedByClaims = [.. c.DeniedByClaims.Where(d => d != denial)] }));

    private ProgramState Update(ClaimId id, Func<ClaimRecord, ClaimRecord> change)
    {
        var index = HasPlaces ? _places.Index.GetValueOrDefault(id, -1) : IndexOf(id);
        if (index < 0)
            return this;
        var claims = Claims.SetItem(index, change(Claims[index]));
        return this with { Claims = claims, _places = HasPlaces ? _places.Updated(claims) : ClaimPlaces.None, _lastChange = _lastChange.At(index) };
    }

    private int IndexOf(ClaimId id)
    {
        for (var i = 0; i < Claims.Count; i++)
        {
            if (Claims[i].Id == id)
                return i;
        }
        return -1;
    }

    /// <summary>
    /// The claims list an Evolve started from, the places it added or replaced claims at, and the list it made
    /// (so that a state copied with other claims does not pass for it). It holds the list before, not the state
    /// before: a chain of states would keep every earlier one alive.
    /// </summary>
    private sealed class LastChange(ClaimList? before, ImmutableArray<int> places, ClaimList? after = null)
    {
        public static LastChange None { get; } = new(null, []);

        public ClaimList? Before { get; } = before;
        public ImmutableArray<int> Places { get; } = places;
        public ClaimList? After { get; } = after;

        public LastChange At(int place) => ReferenceEquals(this, None) ? None : new(Before, Places.Add(place));

        public LastChange Made(ClaimList claims) => ReferenceEquals(this, None) ? None : new(Before, Places, claims);

        // A cache of how the state was made: it never makes two states differ.
        public override bool Equals(object? obj) => obj is LastChange;

        public override int GetHashCode() => 0;
    }

    /// <summary>Each claim id's index in <see cref="Claims"/> (the first, should an id repeat).</summary>
    private sealed class ClaimPlaces(ClaimList? claims, ImmutableDictionary<ClaimId, int> index)
    {
        public static ClaimPlaces None { get; } = new(null, ImmutableDictionary<ClaimId, int>.Empty);

        public ClaimList? Claims { get; } = claims;
        public ImmutableDictionary<ClaimId, int> Index { get; } = index;

        public static ClaimPlaces Of(ClaimList claims)
        {
            var index = ImmutableDictionary.CreateBuilder<ClaimId, int>();
            var place = 0;
            foreach (var claim in claims)
                index.TryAdd(claim.Id, place++);
            return new ClaimPlaces(claims, index.ToImmutable());
        }

        /// <summary>For <paramref name="claims"/>: these claims with <paramref name="id"/> added last.</summary>
        public ClaimPlaces Added(ClaimList claims, ClaimId id) =>
            new(claims, Index.ContainsKey(id) ? Index : Index.Add(id, claims.Count - 1));

        /// <summary>For <paramref name="claims"/>: the same claims in the same places, one of them changed.</summary>
        public ClaimPlaces Updated(ClaimList claims) => new(claims, Index);

        // A cache of the state's claims: it never makes two states differ.
        public override bool Equals(object? obj) => obj is ClaimPlaces;

        public override int GetHashCode() => 0;
    }
}
