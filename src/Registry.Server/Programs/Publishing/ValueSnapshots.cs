using Registry.Contracts;
using Registry.Domain;
using Registry.Domain.State;

namespace Registry.Server.Programs.Publishing;

/// <summary>
/// Each claim's <see cref="ValueSnapshot"/>, kept per programme between its messages. A claim record is replaced,
/// never changed, when something happens to the claim (ranked, denied, retracted), so a snapshot made for a
/// record stays right, and a programme's unchanged claims are not formatted again for each of its messages.
/// </summary>
internal sealed class ValueSnapshots
{
    private const int MaxProgrammes = 10_000;
    private readonly Dictionary<ProgramId, Dictionary<ClaimRecord, ValueSnapshot>> _byProgramme = [];

    /// <summary>The snapshots of this state's claims (not thread-safe: a publisher maps one event at a time).</summary>
    public Func<ClaimRecord, ValueSnapshot> For(ProgramState state)
    {
        if (!_byProgramme.TryGetValue(state.Id, out var known))
        {
            if (_byProgramme.Count >= MaxProgrammes)
                _byProgramme.Clear();
            _byProgramme[state.Id] = known = new Dictionary<ClaimRecord, ValueSnapshot>(ReferenceEqualityComparer.Instance);
        }
        else if (known.Count > 2 * state.Claims.Count)
        {
            known.Clear(); // mostly records that were replaced since: made again on demand
        }
        return claim =>
        {
            if (!known.TryGetValue(claim, out var snapshot))
                known[claim] = snapshot = Of(claim);
            return snapshot;
        };
    }

    private static ValueSnapshot Of(ClaimRecord claim) =>
        new(claim.Id.Value, claim.Value?.ToString() ?? string.Empty, claim.Provenance.Outlet, claim.Provenance.Grade, claim.IsDenied, claim.Rank.ToString());
}
