namespace Registry.Domain.Tests.Folding;

/// <summary>
/// ChangedSince: the claims an event added or replaced, as Evolve recorded them, are exactly those that differ
/// from the state before when the two lists are compared claim by claim (which is what it does for any other pair).
/// </summary>
public sealed class Finding_what_an_event_changed
{
    private static readonly IProgramEvent[] Events =
    [
        Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, Tulpar.TurretSupplier, Tulpar.ProductionPlanned,
        Tulpar.LeonardoDenies("tulpar-denial-1", Tulpar.TurretSupplierId, Tulpar.Turret105Id),
        Tulpar.Ranked(Tulpar.Turret120Id, Rank.Preferred),
        Tulpar.Retracted(Ids.Claim("tulpar-denial-1")),
        Tulpar.PlantAstana,
        Tulpar.Superseded(Tulpar.Turret105Id, Tulpar.Turret120Id),
        Tulpar.LeonardoDenies("tulpar-denial-2", Tulpar.Turret120Id, Tulpar.Turret120Id),
        Tulpar.Ranked(Ids.Claim("tulpar-no-such-claim"), Rank.Deprecated),
    ];

    [Fact]
    public void Then_each_event_names_the_claims_a_comparison_finds()
    {
        ProgramState? before = null;
        var revision = 0L;
        foreach (var programEvent in Events)
        {
            var after = ProgramState.Evolve(before, Tulpar.Id, programEvent, revision++, Scenario.FirstRecordedAt);
            // The same claims in another list: ChangedSince cannot use what Evolve recorded and compares instead.
            var sameClaimsElsewhere = before is null ? null : before with { Claims = [.. before.Claims] };
            if (before is not null)
                Assert.NotSame(before.Claims, sameClaimsElsewhere!.Claims);

            var recorded = after.ChangedSince(before);
            var compared = after.ChangedSince(sameClaimsElsewhere);

            Assert.Equal(compared, recorded);
            Assert.NotEqual(programEvent is ClaimRanked { ClaimId.Value: "tulpar-no-such-claim" }, recorded.Count > 0);
            before = after;
        }
    }

    [Fact]
    public void Then_a_denial_names_itself_and_each_claim_it_denies_once()
    {
        var state = Events.Take(5).Aggregate((ProgramState?)null, (s, e) => ProgramState.Evolve(s, Tulpar.Id, e, (s?.Version + 1) ?? 0, Scenario.FirstRecordedAt))!;
        var denied = ProgramState.Evolve(state, Tulpar.Id, Tulpar.LeonardoDenies("tulpar-denial-1", Tulpar.Turret105Id, Tulpar.Turret105Id), state.Version + 1, Scenario.FirstRecordedAt);

        Assert.Equal([2, 5], denied.ChangedSince(state).Select(c => c.Place));
        Assert.Equal(denied.Claims.Count, denied.ChangedSince(null).Count);
    }
}
